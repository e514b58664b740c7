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
