namespace Platform.Contracts.Catalog.Assignments;

/// <summary>Course 2 week 2: mini-batch gradient descent, momentum and Adam, with optional learning-rate decay, on the moons.</summary>
public static class C2W2Optimization
{
    public const string Id = "c2w2-optimization";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Optimization methods: mini-batch gradient descent, momentum, Adam, learning-rate decay",
        [
            new("optimizer", HyperparameterType.String, "adam", "parameter update rule", Choices: ["gd", "momentum", "adam"]),
            new("layers_dims", HyperparameterType.IntList, "[2, 5, 2, 1]", "layer sizes, from the 2 input features to the 1 output unit",
                Min: 1, Max: 10_000, MustStartWith: new ListStart(2, "number of input features")),
            new("learning_rate", HyperparameterType.Float, "0.0007", "initial step size", Min: 0, MinExclusive: true, Max: 100),
            new("mini_batch_size", HyperparameterType.Int, "64", "examples per mini-batch", Min: 1, Max: 1_000_000),
            new("beta", HyperparameterType.Float, "0.9", "momentum parameter", Min: 0, Max: 1, MaxExclusive: true),
            new("beta1", HyperparameterType.Float, "0.9", "Adam first-moment decay", Min: 0, Max: 1, MaxExclusive: true),
            new("beta2", HyperparameterType.Float, "0.999", "Adam second-moment decay", Min: 0, Max: 1, MaxExclusive: true),
            new("epsilon", HyperparameterType.Float, "1e-08", "Adam denominator guard", Min: 0, MinExclusive: true, Max: 1),
            new("num_epochs", HyperparameterType.Int, "10000", "passes over the training set (the 2020/21 notebook uses 5000)",
                Min: 1, Max: 10_000_000),
            new("decay", HyperparameterType.String, "none", "learning-rate decay applied at the end of each epoch",
                Choices: ["none", "update_lr", "schedule_lr_decay"]),
            new("decay_rate", HyperparameterType.Float, "1.0", "decay strength", Min: 0, Max: 1000),
            new("time_interval", HyperparameterType.Int, "1000", "epochs per step of schedule_lr_decay", Min: 1, Max: 10_000_000),
            DtypeHyperparameter.Descriptor,
        ],
        ["cost", "last_minibatch_cost", "learning_rate", "train_accuracy"],
        [])
    {
        CrossFieldCheck = values => values.GetIntList("layers_dims") is [_, .., 1]
            ? []
            : [("layers_dims", $"must end with the single output unit 1 after the input size, got {values.GetString("layers_dims")}")],
    };
}
