using Platform.Contracts.Catalog;
using Platform.Workers.Jobs;
using Platform.Workers.Torch;
using RnnAssignment = Platform.Contracts.Catalog.Assignments.C5W1RnnStepByStep;

namespace Platform.Workers.Assignments.C5W1RnnStepByStep;

/// <summary>
/// c5w1-rnn-step-by-step (spec §17): runs the notebook's unit tests over <see cref="Rnn"/> and <see cref="Lstm"/> and reports
/// them (<see cref="UnitTestReport"/>). Tiny tensors: CPU whatever the device.
/// </summary>
public sealed class C5W1RnnStepByStepJob : IAssignmentJob
{
    public AssignmentDescriptor Descriptor => RnnAssignment.Descriptor;

    public void Run(JobContext context)
    {
        context.Cancellation.ThrowIfCancellationRequested();
        TorchRuntime.EnsureInitialized();
        UnitTestReport.Log(context, RnnUnitTests.RunAll());
    }
}
