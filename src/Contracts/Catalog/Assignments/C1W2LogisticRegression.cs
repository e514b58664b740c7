namespace Platform.Contracts.Catalog.Assignments;

/// <summary>Course 1 week 2: logistic regression as a neural network on cat / non-cat.</summary>
public static class C1W2LogisticRegression
{
    public const string Id = "c1w2-logistic-regression";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Logistic regression as a neural network (cat vs non-cat)",
        [
            new("num_iterations", HyperparameterType.Int, "2000", "gradient descent iterations", Min: 1, Max: 10_000_000),
            new("learning_rate", HyperparameterType.Float, "0.005", "gradient descent step size", Min: 0, MinExclusive: true, Max: 100),
            DtypeHyperparameter.Descriptor,
        ],
        ["cost", "train_accuracy", "test_accuracy"],
        ["catvnoncat/train_catvnoncat.h5", "catvnoncat/test_catvnoncat.h5"]);
}
