using Platform.Contracts.Client;
using Platform.Contracts.Tracking;

namespace Platform.Workers.Jobs;

/// <summary>A run's outputs written through the tracking API: artifacts through its artifact proxy, tags with set-tag.</summary>
public sealed class TrackingRunOutputs(TrackingClient tracking, string runId, CancellationToken cancellation) : IRunOutputs
{
    private Run? run;

    public void SaveArtifact(string path, byte[] content)
    {
        // The proxy URL needs the run's experiment id; jobs run on their own thread, so blocking here stalls nothing else.
        run ??= tracking.GetRunAsync(runId, cancellation).GetAwaiter().GetResult();
        using var stream = new MemoryStream(content, writable: false);
        tracking.UploadArtifactAsync(run, path, stream, cancellation).GetAwaiter().GetResult();
    }

    public void SetTag(string key, string value) =>
        tracking.SetTagAsync(runId, key, value, cancellation).GetAwaiter().GetResult();
}
