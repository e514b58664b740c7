using Platform.Contracts.Catalog.Assignments;

namespace Platform.Contracts.Catalog;

/// <summary>Every job type the platform knows, by id. Workers implement them; the API validates submissions against them.</summary>
public static class AssignmentCatalog
{
    public static IReadOnlyList<AssignmentDescriptor> All { get; } =
    [
        C1W2LogisticRegression.Descriptor,
        C1W3PlanarData.Descriptor,
        C1W4DeepNnStepByStep.Descriptor,
        C1W4DeepNnApplication.Descriptor,
        C2W1Initialization.Descriptor,
        C2W1Regularization.Descriptor,
        C2W1GradientChecking.Descriptor,
        C2W2Optimization.Descriptor,
        C2W3SignsMlp.Descriptor,
        C4W1ConvolutionStepByStep.Descriptor,
        C5W1RnnStepByStep.Descriptor,
        C5W1DinosaurNames.Descriptor,
        C4W3YoloCarDetection.Descriptor,
        C4W4NeuralStyleTransfer.Descriptor,
        SleepAssignment.Descriptor,
    ];

    public static AssignmentDescriptor? Find(string id) => All.FirstOrDefault(a => a.Id == id);

    /// <summary>The descriptor for <paramref name="id"/>, or a validation error that lists the known ids.</summary>
    public static AssignmentDescriptor Get(string id, string path = "assignment") =>
        Find(id) ?? throw new Validation.PlatformValidationException(path,
            $"unknown assignment '{id}' (known: {string.Join(", ", All.Select(a => a.Id))})");
}
