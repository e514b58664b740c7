namespace Platform.Contracts.Catalog.Assignments;

/// <summary>Course 4 week 1: the ConvNet application on SIGNS, as the 2021 (TF2 Keras) or 2017 (TF1) notebook, trained on the JPEG stand-in.</summary>
public static class C4W1SignsConvNet
{
    public const string Id = "c4w1-signs-convnet";
    public const string NotebookParameter = "notebook";
    public const string Notebook2017 = "2017";
    public const string Notebook2021 = "2021";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Convolutional model application: ConvNet on SIGNS",
        [
            new("learning_rate", HyperparameterType.Float, "0.001", "Adam step size (2021 notebook: Keras' default; 2017: 0.009)", Min: 0, MinExclusive: true, Max: 10),
            new("num_epochs", HyperparameterType.Int, "100", "passes over the training set", Min: 1, Max: 100_000),
            new("minibatch_size", HyperparameterType.Int, "64", "examples per mini-batch", Min: 1, Max: 100_000),
            new(NotebookParameter, HyperparameterType.String, Notebook2021,
                "the notebook's model and training: 2021 = TF2 Keras (conv biases, 1,310 parameters; Keras fit, loss and accuracies per epoch); " +
                "2017 = TF1 (no conv biases, 1,286 parameters, its exact initial weights; cost per epoch, then train and test accuracy; use learning_rate 0.009)",
                Choices: [Notebook2021, Notebook2017]),
        ],
        ["loss", "train_accuracy", "val_loss", "val_accuracy", "test_accuracy", "cost"],
        ["signs/test_signs.h5", "signs/cs230_64x64_SIGNS/train_signs", "signs/cs230_64x64_SIGNS/val_signs"]);
}
