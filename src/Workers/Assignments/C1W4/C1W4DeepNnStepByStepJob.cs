using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Jobs;
using Platform.Workers.Torch;

namespace Platform.Workers.Assignments.C1W4;

/// <summary>
/// c1w4-deep-nn-step-by-step (spec §4): runs the notebook's unit tests over <see cref="DeepNetwork"/> and logs
/// <c>unit_tests_passed</c> and <c>unit_tests_total</c> at step 0. The tests are tiny, so they run on the CPU whatever the device.
/// The <c>unit_tests.json</c> artifact waits for an artifact API; <see cref="StepByStepUnitTests.RunAll"/> already returns its rows.
/// </summary>
public sealed class C1W4DeepNnStepByStepJob : IAssignmentJob
{
    public AssignmentDescriptor Descriptor => C1W4DeepNnStepByStep.Descriptor;

    public void Run(JobContext context)
    {
        context.Cancellation.ThrowIfCancellationRequested();
        TorchRuntime.EnsureInitialized();
        var results = StepByStepUnitTests.RunAll();
        context.Metrics.Log("unit_tests_passed", results.Count(r => r.Passed), 0);
        context.Metrics.Log("unit_tests_total", results.Count, 0);
    }
}
