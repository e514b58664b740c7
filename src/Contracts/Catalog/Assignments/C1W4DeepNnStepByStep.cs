namespace Platform.Contracts.Catalog.Assignments;

/// <summary>Course 1 week 4: the deep network's building blocks, checked against the notebook's unit tests (no data files).</summary>
public static class C1W4DeepNnStepByStep
{
    public const string Id = "c1w4-deep-nn-step-by-step";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Building a deep neural network, step by step (unit tests)",
        [],
        ["unit_tests_passed", "unit_tests_total"],
        []);
}
