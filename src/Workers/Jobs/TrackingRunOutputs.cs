using Platform.Contracts.Client;
using Platform.Contracts.Tracking;

namespace Platform.Workers.Jobs;

/// <summary>
/// A run's outputs written through the tracking API: artifacts through its artifact proxy, tags with set-tag. Both are safe to
/// repeat (an upload overwrites, a tag is set to the same value), so they are re-sent while the API cannot answer
/// (<see cref="TransientRetry"/>): a database restart while a job saves its results does not fail the trial.
/// </summary>
public sealed class TrackingRunOutputs(TrackingClient tracking, string runId, CancellationToken cancellation) : IRunOutputs
{
    private Run? run;

    public void SaveArtifact(string path, byte[] content)
    {
        // The proxy URL needs the run's experiment id; jobs run on their own thread, so blocking here stalls nothing else.
        run ??= TransientRetry.RunAsync(c => tracking.GetRunAsync(runId, c), cancellation).GetAwaiter().GetResult();
        TransientRetry.RunAsync(async c =>
        {
            using var stream = new MemoryStream(content, writable: false); // a fresh stream per attempt: a failed one was read
            await tracking.UploadArtifactAsync(run, path, stream, c);
        }, cancellation).GetAwaiter().GetResult();
    }

    public void SetTag(string key, string value) =>
        TransientRetry.RunAsync(c => tracking.SetTagAsync(runId, key, value, c), cancellation).GetAwaiter().GetResult();
}
