using Platform.Contracts.Client;
using Platform.Contracts.Tracking;
using Platform.Workers.Jobs;

namespace Platform.Workers.Agent;

/// <summary>
/// Uploads a job's artifacts through the tracking API's artifact proxy into its run's folder. The upload is waited for on the
/// job's own thread (a dedicated one, so no pool thread blocks): the file is stored before the job goes on, and a failed upload
/// fails the job like any other error.
/// </summary>
public sealed class TrackingArtifactSink(TrackingClient tracking, string runId, CancellationToken ct) : IArtifactSink
{
    private Run? _run;

    public void Log(string path, byte[] content)
    {
        _run ??= tracking.GetRunAsync(runId, ct).GetAwaiter().GetResult();
        using var stream = new MemoryStream(content, writable: false);
        tracking.UploadArtifactAsync(_run, path, stream, ct).GetAwaiter().GetResult();
    }
}
