using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Jobs;
using Platform.Workers.Torch;

namespace Platform.Workers.Assignments.C1W4;

/// <summary>
/// c1w4-deep-nn-step-by-step (spec §4): runs the notebook's unit tests over <see cref="DeepNetwork"/> and logs
/// <c>unit_tests_passed</c> and <c>unit_tests_total</c> at step 0 and the <c>unit_tests.json</c> artifact (<see cref="UnitTestReport"/>).
/// The tests are tiny, so they run on the CPU whatever the device.
/// </summary>
public sealed class C1W4DeepNnStepByStepJob : IAssignmentJob
{
    public AssignmentDescriptor Descriptor => C1W4DeepNnStepByStep.Descriptor;

    public void Run(JobContext context)
    {
        context.Cancellation.ThrowIfCancellationRequested();
        TorchRuntime.EnsureInitialized();
        UnitTestReport.Log(context, StepByStepUnitTests.RunAll());
    }
}
