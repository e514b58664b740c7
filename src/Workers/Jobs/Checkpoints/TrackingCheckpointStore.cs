using System.Globalization;
using Platform.Contracts.Client;
using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;

namespace Platform.Workers.Jobs.Checkpoints;

/// <summary>
/// Checkpoints as run artifacts through the tracking API, so a re-queued trial resumes on any worker. A save first flushes
/// the job's metrics (every point up to the step is stored before the checkpoint claims it), uploads the file into the
/// slot the tags do not name (<c>checkpoints/a.ckpt</c> and <c>b.ckpt</c> take turns), then sets <see cref="TrialTags.CheckpointStep"/>
/// and <see cref="TrialTags.CheckpointPath"/> in one batch: a trial killed at any moment leaves the tags naming a complete
/// checkpoint whose step matches them. Calls block (jobs run synchronously on their own thread) and are re-sent while the
/// API cannot answer (<see cref="TransientRetry"/>).
/// </summary>
public sealed class TrackingCheckpointStore(TrackingClient tracking, string runId, Func<CancellationToken, Task> flushMetrics, CancellationToken cancellation)
    : ICheckpointStore
{
    public const string SlotA = "checkpoints/a.ckpt";
    public const string SlotB = "checkpoints/b.ckpt";

    private Run? run;
    private string? currentPath;

    public StoredCheckpoint? TryLoadLatest()
    {
        run ??= Wait(TransientRetry.RunAsync(c => tracking.GetRunAsync(runId, c), cancellation));
        if (run.Data.Tag(TrialTags.CheckpointStep) is not { } stepText || run.Data.Tag(TrialTags.CheckpointPath) is not { } path)
        {
            return null;
        }

        currentPath = path;
        var content = Wait(TransientRetry.RunAsync(async c =>
        {
            await using var stream = await tracking.DownloadArtifactAsync(run, path, c);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, c);
            return buffer.ToArray();
        }, cancellation));
        return new StoredCheckpoint(long.Parse(stepText, CultureInfo.InvariantCulture), content);
    }

    public void Save(long step, byte[] content)
    {
        run ??= Wait(TransientRetry.RunAsync(c => tracking.GetRunAsync(runId, c), cancellation));
        currentPath ??= run.Data.Tag(TrialTags.CheckpointPath);
        var path = currentPath == SlotA ? SlotB : SlotA;
        Wait(flushMetrics(cancellation));
        Wait(TransientRetry.RunAsync(async c =>
        {
            using var stream = new MemoryStream(content, writable: false);
            await tracking.UploadArtifactAsync(run, path, stream, c);
        }, cancellation));
        Wait(TransientRetry.RunAsync(c => tracking.LogBatchAsync(runId, tags:
        [
            new RunTag(TrialTags.CheckpointStep, step.ToString(CultureInfo.InvariantCulture)),
            new RunTag(TrialTags.CheckpointPath, path),
        ], ct: c), cancellation));
        currentPath = path;
    }

    private static void Wait(Task task) => task.GetAwaiter().GetResult();

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
