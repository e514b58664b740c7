using Platform.Workers.Torch;
using Platform.Workers.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C1W4;

/// <summary>
/// The cat application's models (spec §5): two_layer_model and L_layer_model are the same gradient-descent loop over
/// <see cref="DeepNetwork"/>'s blocks and differ only in initialisation (seed 1 either way).
/// </summary>
public static class CatClassifier
{
    public const int CostPeriod = 100;

    /// <summary>two_layer_model's init: initialize_parameters(n_x, n_h, n_y), ·0.01.</summary>
    public static IReadOnlyList<LayerParameters> InitializeTwoLayer(IReadOnlyList<int> layersDims, Device? device = null) =>
        layersDims.Count == 3
            ? DeepNetwork.InitializeParameters(layersDims[0], layersDims[1], layersDims[2], device)
            : throw new ArgumentException($"two_layer_model takes three layer sizes (n_x, n_h, n_y), got {layersDims.Count}", nameof(layersDims));

    /// <summary>L_layer_model's init: seed 1, W{l} = randn(n_l, n_{l-1}) / sqrt(n_{l-1}).</summary>
    public static IReadOnlyList<LayerParameters> InitializeLLayer(IReadOnlyList<int> layersDims, Device? device = null) =>
        DeepNetwork.InitializeParametersDeep(layersDims, seed: 1, WeightScale.DivideBySqrtFanIn, device);

    /// <summary>The parameters converted to <paramref name="dtype"/> (float32 runs; float64 keeps the tensors).</summary>
    public static LayerParameters[] ToDtype(IReadOnlyList<LayerParameters> parameters, ScalarType dtype) =>
        [.. parameters.Select(p => new LayerParameters(p.W.to_type(dtype), p.B.to_type(dtype)))];

    /// <summary>
    /// Gradient descent on <paramref name="parameters"/> in place: forward, backward, update. The cost is computed only
    /// where the notebook records it (i % 100 == 0 and the last iteration): elsewhere it feeds nothing. One dispose scope
    /// per iteration frees everything but the parameters.
    /// </summary>
    public static void Train(
        IReadOnlyList<LayerParameters> parameters, Tensor x, Tensor y, double learningRate, int numIterations,
        Action<int, double>? onCost = null, CancellationToken cancellation = default)
    {
        for (var i = 0; i < numIterations; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var step = torch.NewDisposeScope();
            var (al, caches) = DeepNetwork.LModelForward(x, parameters);
            if (i % CostPeriod == 0 || i == numIterations - 1)
            {
                onCost?.Invoke(i, DeepNetwork.ComputeCost(al, y));
            }

            var gradients = DeepNetwork.LModelBackward(al, y, caches, computeInputGradient: false);
            DeepNetwork.UpdateParameters(parameters, gradients, learningRate);
        }
    }

    /// <summary>predict's accuracy: ŷ = 1 where AL &gt; 0.5, then np.sum((ŷ == y)/m), summed as numpy does (it prints 0.9999999999999998).</summary>
    public static double Accuracy(IReadOnlyList<LayerParameters> parameters, Tensor x, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var (al, _) = DeepNetwork.LModelForward(x, parameters);
        var m = y.shape[1];
        var agree = Float64Tensors.Values(al.GreaterThan(0.5).to_type(ScalarType.Float64).eq(y).to_type(ScalarType.Float64).DivInPlace(m));
        return NumpySum.Pairwise(agree);
    }
}
