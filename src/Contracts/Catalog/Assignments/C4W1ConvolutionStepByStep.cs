namespace Platform.Contracts.Catalog.Assignments;

/// <summary>Course 4 week 1: convolution and pooling layers, forward and backward, checked against the notebook's unit tests (no data files).</summary>
public static class C4W1ConvolutionStepByStep
{
    public const string Id = "c4w1-convolution-step-by-step";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Convolutional model, step by step (unit tests)",
        [],
        ["unit_tests_passed", "unit_tests_total"],
        []);
}
