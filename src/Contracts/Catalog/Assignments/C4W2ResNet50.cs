namespace Platform.Contracts.Catalog.Assignments;

/// <summary>Course 4 week 2: residual networks, ResNet-50 on SIGNS, with a width/depth option for CPU-sized runs.</summary>
public static class C4W2ResNet50
{
    public const string Id = "c4w2-resnet50";
    public const string KerasParameter = "keras";
    public const string Keras2017 = "2017";
    public const string Keras2021 = "2021";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Residual networks: ResNet-50 on SIGNS",
        [
            new("learning_rate", HyperparameterType.Float, "0.00015", "Adam step size (2021 notebook; 2017: 0.001)", Min: 0, MinExclusive: true, Max: 10),
            new("epochs", HyperparameterType.Int, "10", "passes over the training set (2021: 10; 2017: 2)", Min: 1, Max: 100_000),
            new("batch_size", HyperparameterType.Int, "32", "examples per mini-batch", Min: 1, Max: 100_000),
            new("base_filters", HyperparameterType.Int, "64",
                "width: stage k has filters [b·2^k, b·2^k, 4b·2^k] (64 is ResNet-50; 4 trains on a CPU in minutes)", Min: 1, Max: 256),
            new("stage_blocks", HyperparameterType.IntList, "[3, 4, 6, 3]",
                "depth: blocks in each of the 4 stages, a convolutional block then identity blocks ([3, 4, 6, 3] is ResNet-50)", Min: 1, Max: 64),
            new("blocks_training", HyperparameterType.Bool, "true",
                "the blocks' BatchNormalization training argument, fixed in the graph: true as the 2021 notebook's " +
                "identity_block/convolutional_block(training=True), batch statistics also when evaluating; false as 2017, moving statistics when evaluating"),
            new(KerasParameter, HyperparameterType.String, Keras2021,
                "the Keras the notebook ran: 2021 = TF2's (Adam ε 1e-7, loss on the logits); 2017 = Keras 2.0 on TF1 (Adam ε 1e-8, " +
                "probabilities clipped to [1e-7, 1-1e-7] in the loss, every kernel from glorot_uniform(seed=0)'s one TF1 stream)",
                Choices: [Keras2021, Keras2017]),
        ],
        ["loss", "train_accuracy", "val_loss", "val_accuracy", "test_accuracy"],
        ["signs/test_signs.h5", "signs/cs230_64x64_SIGNS/train_signs", "signs/cs230_64x64_SIGNS/val_signs"])
    {
        // A heavy convolutional model: two CPU slots (libtorch's intra-op threads), all of a smaller worker's.
        DefaultNeeds = new Grains.ResourceNeeds(CpuSlots: 2),
        CrossFieldCheck = values => values.GetIntList("stage_blocks").Count == Stages
            ? []
            : [("stage_blocks", $"must list {Stages} stages (notebook stages 2-5), got {values.GetString("stage_blocks")}")],
    };

    /// <summary>The residual stages after the stem: stage_blocks has one entry for each.</summary>
    public const int Stages = 4;
}
