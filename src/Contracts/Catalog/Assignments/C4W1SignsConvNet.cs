namespace Platform.Contracts.Catalog.Assignments;

/// <summary>Course 4 week 1: the ConvNet application on SIGNS (TF2 Keras topology, trained on the JPEG stand-in).</summary>
public static class C4W1SignsConvNet
{
    public const string Id = "c4w1-signs-convnet";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Convolutional model application: ConvNet on SIGNS",
        [
            new("learning_rate", HyperparameterType.Float, "0.001", "Adam step size (2021 notebook: Keras' default; 2017: 0.009)", Min: 0, MinExclusive: true, Max: 10),
            new("num_epochs", HyperparameterType.Int, "100", "passes over the training set", Min: 1, Max: 100_000),
            new("minibatch_size", HyperparameterType.Int, "64", "examples per mini-batch", Min: 1, Max: 100_000),
        ],
        ["loss", "train_accuracy", "val_loss", "val_accuracy", "test_accuracy"],
        ["signs/test_signs.h5", "signs/cs230_64x64_SIGNS/train_signs", "signs/cs230_64x64_SIGNS/val_signs"]);
}
