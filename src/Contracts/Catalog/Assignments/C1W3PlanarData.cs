namespace Platform.Contracts.Catalog.Assignments;

/// <summary>Course 1 week 3: one-hidden-layer classifier on the generated planar "flower" (no data files needed).</summary>
public static class C1W3PlanarData
{
    public const string Id = "c1w3-planar-data";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Planar data classification with one hidden layer",
        [
            new("n_h", HyperparameterType.Int, "4", "hidden layer size", Min: 1, Max: 10_000),
            new("num_iterations", HyperparameterType.Int, "10000", "gradient descent iterations", Min: 1, Max: 10_000_000),
            new("learning_rate", HyperparameterType.Float, "1.2", "gradient descent step size", Min: 0, MinExclusive: true, Max: 100),
            DtypeHyperparameter.Descriptor,
        ],
        ["cost", "train_accuracy"],
        []);
}
