using Platform.Workers.Assignments.C1W2;
using Platform.Workers.Assignments.C1W3;
using Platform.Workers.Assignments.C1W4;
using Platform.Workers.Assignments.C2W1;
using Platform.Workers.Assignments.C2W1Initialization;
using Platform.Workers.Assignments.C2W1Regularization;
using Platform.Workers.Assignments.C2W2Optimization;
using Platform.Workers.Assignments.C2W3SignsMlp;
using Platform.Workers.Assignments.C4W1ConvolutionStepByStep;
using Platform.Workers.Assignments.C5W1DinosaurNames;
using Platform.Workers.Assignments.C5W1RnnStepByStep;
using Platform.Workers.Assignments.C4W3YoloCarDetection;
using Platform.Workers.Assignments.C4W4NeuralStyleTransfer;
using Platform.Workers.Assignments.Sleep;

namespace Platform.Workers.Jobs;

/// <summary>Every assignment this worker can run. Each job's descriptor is the one in Contracts' AssignmentCatalog.</summary>
public static class JobRegistry
{
    public static IReadOnlyList<IAssignmentJob> All { get; } =
    [
        new C1W2LogisticRegressionJob(),
        new C1W3PlanarDataJob(),
        new C1W4DeepNnStepByStepJob(),
        new C1W4DeepNnApplicationJob(),
        new C2W1InitializationJob(),
        new C2W1RegularizationJob(),
        new C2W1GradientCheckingJob(),
        new C2W2OptimizationJob(),
        new C2W3SignsMlpJob(),
        new C4W1ConvolutionStepByStepJob(),
        new C5W1RnnStepByStepJob(),
        new C5W1DinosaurNamesJob(),
        new C4W3YoloCarDetectionJob(),
        new C4W4NeuralStyleTransferJob(),
        new SleepJob(),
    ];

    public static IAssignmentJob? Find(string assignmentId) => All.FirstOrDefault(j => j.Descriptor.Id == assignmentId);
}
