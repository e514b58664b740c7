namespace Platform.Contracts.Catalog.Assignments;

/// <summary>Course 2 week 1: no regularisation, L2 (lambd) or dropout (keep_prob) on the 2-D "football" data.</summary>
public static class C2W1Regularization
{
    public const string Id = "c2w1-regularization";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Regularization: none, L2 and dropout",
        [
            new("learning_rate", HyperparameterType.Float, "0.3", "gradient descent step size", Min: 0, MinExclusive: true, Max: 100),
            new("num_iterations", HyperparameterType.Int, "30000", "gradient descent iterations", Min: 1, Max: 10_000_000),
            new("lambd", HyperparameterType.Float, "0.0", "L2 regularisation strength (0 = none; not combined with dropout)", Min: 0, Max: 1000),
            new("keep_prob", HyperparameterType.Float, "1.0", "dropout keep probability (1 = no dropout; not combined with L2)",
                Min: 0, MinExclusive: true, Max: 1),
            DtypeHyperparameter.Descriptor,
        ],
        ["cost", "train_accuracy", "test_accuracy"],
        ["regularization_2d/train.csv", "regularization_2d/test.csv"])
    {
        CrossFieldCheck = NotBoth,
    };

    /// <summary>The notebook asserts that L2 and dropout are never combined.</summary>
    private static IEnumerable<(string, string)> NotBoth(HyperparameterValues values)
    {
        if (values.GetDouble("lambd") != 0 && values.GetDouble("keep_prob") < 1)
        {
            yield return ("keep_prob", $"dropout (keep_prob {values.GetString("keep_prob")}) cannot be combined with L2 (lambd {values.GetString("lambd")}): set keep_prob = 1 or lambd = 0");
        }
    }
}
