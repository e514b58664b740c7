using Platform.Contracts.Catalog;
using Platform.Workers.Jobs;
using Platform.Workers.Torch;
using ConvolutionAssignment = Platform.Contracts.Catalog.Assignments.C4W1ConvolutionStepByStep;

namespace Platform.Workers.Assignments.C4W1ConvolutionStepByStep;

/// <summary>
/// c4w1-convolution-step-by-step (spec §11): runs the notebook's unit tests over <see cref="Convolution"/> and
/// <see cref="Pooling"/> and reports them (<see cref="UnitTestReport"/>). Tiny tensors: CPU whatever the device.
/// </summary>
public sealed class C4W1ConvolutionStepByStepJob : IAssignmentJob
{
    public AssignmentDescriptor Descriptor => ConvolutionAssignment.Descriptor;

    public void Run(JobContext context)
    {
        context.Cancellation.ThrowIfCancellationRequested();
        TorchRuntime.EnsureInitialized();
        UnitTestReport.Log(context, ConvolutionUnitTests.RunAll());
    }
}
