using Platform.Contracts.Catalog;

namespace Platform.Workers.Jobs;

/// <summary>
/// One assignment as a runnable job. <see cref="Run"/> is synchronous and runs on a dedicated thread (TorchSharp dispose scopes
/// are thread-static); it reports metrics through the context and throws to fail the run.
/// </summary>
public interface IAssignmentJob
{
    AssignmentDescriptor Descriptor { get; }

    void Run(JobContext context);
}

public static class AssignmentJobExtensions
{
    /// <summary>Runs the job on a thread of its own: training is synchronous and TorchSharp's dispose scopes are thread-static.</summary>
    public static Task RunOnOwnThreadAsync(this IAssignmentJob job, JobContext context) =>
        Task.Factory.StartNew(() => job.Run(context), context.Cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
