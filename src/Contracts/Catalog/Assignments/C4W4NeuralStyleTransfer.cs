namespace Platform.Contracts.Catalog.Assignments;

/// <summary>
/// Course 4 week 4: art generation with neural style transfer (VGG-19). The pretrained weights are not distributed: with no
/// <c>weights_file</c> the job runs on a randomly initialised network and tags the run so.
/// </summary>
public static class C4W4NeuralStyleTransfer
{
    public const string Id = "c4w4-neural-style-transfer";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Art generation with neural style transfer",
        [
            new("alpha", HyperparameterType.Float, "10.0", "weight of the content cost", Min: 0, Max: 1e12),
            new("beta", HyperparameterType.Float, "40.0", "weight of the style cost", Min: 0, Max: 1e12),
            new("learning_rate", HyperparameterType.Float, "2.0", "Adam step size on the image's pixels", Min: 0, MinExclusive: true, Max: 1000),
            new("num_iterations", HyperparameterType.Int, "200", "Adam steps", Min: 1, Max: 1_000_000),
            new("noise_ratio", HyperparameterType.Float, "0.6", "share of uniform(-20, 20) noise in the initial image", Min: 0, Max: 1),
            new("log_every", HyperparameterType.Int, "20", "iterations between logged costs and saved images", Min: 1, Max: 1_000_000),
            new("image_width", HyperparameterType.Int, "400", "width the images are resized to (height keeps the content's aspect)", Min: 16, Max: 4096),
            new("content_image", HyperparameterType.String, "neural_style_transfer/louvre_small.jpg", "content image in the data directory"),
            new("style_image", HyperparameterType.String, "neural_style_transfer/monet.jpg", "style image in the data directory"),
            new("weights_file", HyperparameterType.String, "neural_style_transfer/imagenet-vgg-verydeep-19.mat",
                "MatConvNet VGG-19 weights: a path in the data directory, or absolute; random initialisation when absent"),
            new("seed", HyperparameterType.Int, "1", "numpy seed of the initial noise and torch seed of a random initialisation", Min: 0, Max: int.MaxValue),
        ],
        ["cost", "content_cost", "style_cost"],
        ["neural_style_transfer/louvre_small.jpg", "neural_style_transfer/monet.jpg"])
    {
        // A heavy convolutional model: two CPU slots (libtorch's intra-op threads), all of a smaller worker's.
        DefaultNeeds = new Grains.ResourceNeeds(CpuSlots: 2),
    };
}
