using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W4NeuralStyleTransfer;

/// <summary>
/// The notebook's costs (spec §16) on activations of one image, (1, n_C, n_H, n_W) as torch lays them out; each value is the
/// same as on the notebook's (1, n_H, n_W, n_C) tensors. They are differentiable: the optimisation backpropagates through them.
/// Scalar arithmetic goes through <see cref="SafeScalarOps"/> (TorchSharp's implicit Scalars can be freed mid-call).
/// </summary>
public static class StyleTransferCosts
{
    /// <summary>STYLE_LAYERS: conv1_1 … conv5_1, each weighted 0.2.</summary>
    public static IReadOnlyList<(string Layer, double Weight)> StyleLayers { get; } =
        [("conv1_1", 0.2), ("conv2_1", 0.2), ("conv3_1", 0.2), ("conv4_1", 0.2), ("conv5_1", 0.2)];

    public const string ContentLayer = "conv4_2";

    /// <summary>compute_content_cost: Σ(a_C - a_G)² / (4·n_H·n_W·n_C).</summary>
    public static Tensor ContentCost(Tensor aC, Tensor aG)
    {
        var (_, nC, nH, nW) = Shape(aG, aC, "a_C");
        return (aC - aG).square().sum().DividedBy(4.0 * nH * nW * nC);
    }

    /// <summary>gram_matrix: A·Aᵀ for A of shape (n_C, n_H·n_W).</summary>
    public static Tensor GramMatrix(Tensor a) => a.matmul(a.t());

    /// <summary>compute_layer_style_cost: Σ(G_S - G_G)² / (4·n_C²·(n_H·n_W)²), the activations unrolled channel-first.</summary>
    public static Tensor LayerStyleCost(Tensor aS, Tensor aG)
    {
        var (_, nC, nH, nW) = Shape(aG, aS, "a_S");
        var gS = GramMatrix(aS.reshape(nC, nH * nW));
        var gG = GramMatrix(aG.reshape(nC, nH * nW));
        return (gS - gG).square().sum().DividedBy(4.0 * nC * nC * (double)(nH * nW) * (nH * nW));
    }

    /// <summary>compute_style_cost: Σ weight·layer style cost over <paramref name="styleLayers"/>, activations by layer name.</summary>
    public static Tensor StyleCost(
        IReadOnlyDictionary<string, Tensor> styleActivations, IReadOnlyDictionary<string, Tensor> generatedActivations,
        IReadOnlyList<(string Layer, double Weight)> styleLayers)
    {
        Tensor? total = null;
        foreach (var (layer, weight) in styleLayers)
        {
            var term = LayerStyleCost(styleActivations[layer], generatedActivations[layer]).Times(weight);
            total = total is null ? term : total.Plus(term);
        }

        return total ?? throw new ArgumentException("STYLE_LAYERS is empty", nameof(styleLayers));
    }

    /// <summary>total_cost: α·J_content + β·J_style.</summary>
    public static Tensor TotalCost(Tensor jContent, Tensor jStyle, double alpha = 10, double beta = 40) =>
        jContent.Times(alpha).Plus(jStyle.Times(beta));

    public static double TotalCost(double jContent, double jStyle, double alpha = 10, double beta = 40) => alpha * jContent + beta * jStyle;

    private static (long M, long C, long H, long W) Shape(Tensor generated, Tensor target, string targetName)
    {
        if (generated.dim() != 4 || generated.shape[0] != 1 || !generated.shape.SequenceEqual(target.shape))
        {
            throw new ArgumentException(
                $"{targetName} and a_G must both be one image's (1, n_C, n_H, n_W) activations, got [{string.Join(", ", target.shape)}] and [{string.Join(", ", generated.shape)}]");
        }

        return (generated.shape[0], generated.shape[1], generated.shape[2], generated.shape[3]);
    }
}
