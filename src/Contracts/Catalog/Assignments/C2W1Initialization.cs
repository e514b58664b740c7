namespace Platform.Contracts.Catalog.Assignments;

/// <summary>Course 2 week 1: zeros, large random and He initialisation of a 3-layer network on the circles data.</summary>
public static class C2W1Initialization
{
    public const string Id = "c2w1-initialization";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Initialization: zeros, large random and He",
        [
            new("learning_rate", HyperparameterType.Float, "0.01", "gradient descent step size", Min: 0, MinExclusive: true, Max: 100),
            new("num_iterations", HyperparameterType.Int, "15000", "gradient descent iterations", Min: 1, Max: 10_000_000),
            new("initialization", HyperparameterType.String, "he", "weight initialiser", Choices: ["zeros", "random", "he"]),
            DtypeHyperparameter.Descriptor,
        ],
        ["cost", "train_accuracy", "test_accuracy"],
        []);
}
