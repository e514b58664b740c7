namespace Platform.Contracts.Catalog.Assignments;

/// <summary>
/// Course 2 week 1: two-sided gradient checking, 1-D and over a 3-layer network's 47 parameters (no data files). float64
/// only, with no <c>dtype</c> hyperparameter (the binder refuses it as unknown): with ε = 1e-7 a float32 difference
/// J(θ+ε) - J(θ-ε) would be rounding noise (float32 resolves about 6e-8 relative), so the check would be meaningless.
/// </summary>
public static class C2W1GradientChecking
{
    public const string Id = "c2w1-gradient-checking";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Gradient checking",
        [
            new("epsilon", HyperparameterType.Float, "1e-07", "shift of each parameter in the two-sided difference",
                Min: 0, MinExclusive: true, Max: 1),
        ],
        ["gradient_check_difference_1d", "gradient_check_difference_buggy", "gradient_check_difference", "unit_tests_passed", "unit_tests_total"],
        []);
}
