namespace Platform.Contracts.Catalog.Assignments;

/// <summary>Course 1 week 4: two-layer and L-layer networks on cat / non-cat, plain gradient descent.</summary>
public static class C1W4DeepNnApplication
{
    public const string Id = "c1w4-deep-nn-application";

    /// <summary>A flattened 64x64 RGB image: the first entry of every <c>layers_dims</c>.</summary>
    public const int InputSize = 12288;

    public const string TwoLayerModel = "two_layer_model";
    public const string LLayerModel = "L_layer_model";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Deep neural network for image classification (cat vs non-cat)",
        [
            new("model", HyperparameterType.String, LLayerModel,
                "two_layer_model (layers_dims (n_x, n_h, n_y), init ·0.01) or L_layer_model (init /sqrt(n_prev))",
                Choices: [TwoLayerModel, LLayerModel]),
            new("layers_dims", HyperparameterType.IntList, $"[{InputSize}, 20, 7, 5, 1]",
                "layer sizes from the input to the single sigmoid unit; two_layer_model takes three, e.g. [12288, 7, 1]",
                Min: 1, Max: 100_000, MustStartWith: new ListStart(InputSize, "input size")),
            new("learning_rate", HyperparameterType.Float, "0.0075", "gradient descent step size", Min: 0, MinExclusive: true, Max: 100),
            new("num_iterations", HyperparameterType.Int, "2500", "gradient descent iterations", Min: 1, Max: 10_000_000),
            DtypeHyperparameter.Descriptor,
        ],
        ["cost", "train_accuracy", "test_accuracy"],
        ["catvnoncat/train_catvnoncat.h5", "catvnoncat/test_catvnoncat.h5"])
    {
        CrossFieldCheck = ShapeFitsModel,
    };

    /// <summary>One sigmoid output unit at the end, and three sizes for two_layer_model.</summary>
    private static IEnumerable<(string, string)> ShapeFitsModel(HyperparameterValues values)
    {
        var layersDims = values.GetIntList("layers_dims");
        if (layersDims.Count < 2 || layersDims[^1] != 1)
        {
            yield return ("layers_dims", $"must end with the single output unit 1 after at least the input size, got [{string.Join(", ", layersDims)}]");
        }
        else if (values.GetString("model") == TwoLayerModel && layersDims.Count != 3)
        {
            yield return ("layers_dims", $"two_layer_model takes three sizes (n_x, n_h, n_y), got [{string.Join(", ", layersDims)}]");
        }
    }
}
