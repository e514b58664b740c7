namespace Platform.Contracts.Catalog.Assignments;

/// <summary>Course 4 week 2: the Keras tutorial's Happy House smile classifier.</summary>
public static class C4W2HappyHouse
{
    public const string Id = "c4w2-happy-house";

    /// <summary>The run tag that says which data protocol ran: the notebook's, or the split of test_happy.h5 (train_happy.h5 is missing).</summary>
    public const string DataProtocolTag = "data.protocol";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Keras tutorial: Happy House smile classifier",
        [
            new("epochs", HyperparameterType.Int, "10", "passes over the training set (2021: 10; 2017 text: 40)", Min: 1, Max: 100_000),
            new("batch_size", HyperparameterType.Int, "16", "examples per mini-batch", Min: 1, Max: 100_000),
        ],
        ["loss", "train_accuracy", "val_loss", "val_accuracy", "test_accuracy"],
        ["happy_house/test_happy.h5"]);
}
