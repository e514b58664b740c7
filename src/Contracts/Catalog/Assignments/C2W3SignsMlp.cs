namespace Platform.Contracts.Catalog.Assignments;

/// <summary>
/// Course 2 week 3: the TensorFlow tutorial's 3-layer softmax network on SIGNS (trained on the JPEG stand-in). float64 by
/// default like the other Course 1-2 jobs (issue 3); float32, the notebook's TensorFlow type, as the option.
/// </summary>
public static class C2W3SignsMlp
{
    public const string Id = "c2w3-signs-mlp";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "TensorFlow tutorial: 3-layer softmax network on SIGNS",
        [
            new("learning_rate", HyperparameterType.Float, "0.0001", "Adam step size", Min: 0, MinExclusive: true, Max: 10),
            new("num_epochs", HyperparameterType.Int, "1500", "passes over the training set", Min: 1, Max: 1_000_000),
            new("minibatch_size", HyperparameterType.Int, "32", "examples per mini-batch", Min: 1, Max: 100_000),
            DtypeHyperparameter.Descriptor,
        ],
        ["cost", "train_accuracy", "test_accuracy"],
        ["signs/test_signs.h5", "signs/cs230_64x64_SIGNS/train_signs", "signs/cs230_64x64_SIGNS/val_signs"]);
}
