using Platform.Workers.Torch;
using Platform.Workers.Assignments.C1W4;
using Platform.Workers.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C2W1;

/// <summary>
/// The gradient-checking notebook's network (spec §8): LINEAR→RELU→LINEAR→RELU→LINEAR→SIGMOID on its seeded 4x3 input,
/// its cost, and its backward pass with the notebook's two deliberate bugs (dW2 ·2, db1 with 4/m) or without them.
/// The forward pass is <see cref="DeepNetwork.LModelForward"/>: the same operations in the same order.
/// </summary>
public static class GradientCheckingNetwork
{
    /// <summary>seed 1; X = randn(4,3); Y = [1,1,0]; then W1 (5,4), b1, W2 (3,5), b2, W3 (1,3), b3 from randn in that order.</summary>
    public static (Tensor X, Tensor Y, IReadOnlyList<LayerParameters> Parameters) TestInput()
    {
        var random = new NumpyRandom(1);
        var x = Float64Tensors.Randn(random, 4, 3);
        var y = Float64Tensors.FromRowMajor([1, 1, 0], [1, 3]);
        var parameters = new List<LayerParameters>();
        foreach (var (rows, columns) in new[] { (5, 4), (3, 5), (1, 3) })
        {
            parameters.Add(new LayerParameters(Float64Tensors.Randn(random, rows, columns), Float64Tensors.Randn(random, rows, 1)));
        }

        return (x, y, parameters);
    }

    /// <summary>forward_propagation_n's cost: (1/m)·Σ[-log(A3)·Y - log(1-A3)·(1-Y)], in the notebook's order.</summary>
    public static double Cost(Tensor x, Tensor y, IReadOnlyList<LayerParameters> parameters)
    {
        using var scope = torch.NewDisposeScope();
        var (a3, _) = DeepNetwork.LModelForward(x, parameters);
        var m = y.shape[1];
        var logProbabilities = (-torch.log(a3)).mul_(y).AddInPlace((-torch.log(a3.SubtractedFrom(1.0))).mul_(y.SubtractedFrom(1.0)));
        return 1.0 / m * logProbabilities.sum().item<double>();
    }

    /// <summary>
    /// backward_propagation_n: dZ3 = A3 - Y, then linear and relu-masked steps. With <paramref name="withNotebookBugs"/>,
    /// dW2 is doubled and db1 uses 4/m (both scalings by powers of two, so they round exactly as the notebook's).
    /// </summary>
    public static IReadOnlyList<LayerGradients> Backward(Tensor x, Tensor y, IReadOnlyList<LayerParameters> parameters, bool withNotebookBugs)
    {
        var (a3, caches) = DeepNetwork.LModelForward(x, parameters);
        var gradients = new LayerGradients[caches.Count];
        gradients[^1] = DeepNetwork.LinearBackward(a3 - y, caches[^1].Linear);
        for (var l = caches.Count - 2; l >= 0; l--)
        {
            gradients[l] = DeepNetwork.LinearActivationBackward(gradients[l + 1].DAPrev!, caches[l], Activation.Relu);
        }

        if (withNotebookBugs)
        {
            gradients[1] = gradients[1] with { DW = gradients[1].DW.Times(2) };
            gradients[0] = gradients[0] with { Db = gradients[0].Db.Times(4) };
        }

        return gradients;
    }

    /// <summary>dictionary_to_vector: W1, b1, W2, b2, … each row-major.</summary>
    public static double[] ToVector(IReadOnlyList<LayerParameters> parameters) =>
        [.. parameters.SelectMany(p => Float64Tensors.Values(p.W).Concat(Float64Tensors.Values(p.B)))];

    /// <summary>gradients_to_vector: dW1, db1, dW2, db2, … in the same order as <see cref="ToVector"/>.</summary>
    public static double[] ToVector(IReadOnlyList<LayerGradients> gradients) =>
        [.. gradients.SelectMany(g => Float64Tensors.Values(g.DW).Concat(Float64Tensors.Values(g.Db)))];

    /// <summary>vector_to_dictionary: new parameters with the shapes of <paramref name="like"/>, filled from <paramref name="theta"/>.</summary>
    public static IReadOnlyList<LayerParameters> FromVector(double[] theta, IReadOnlyList<LayerParameters> like)
    {
        var offset = 0;
        var result = new List<LayerParameters>();
        foreach (var layer in like)
        {
            result.Add(new LayerParameters(Slice(theta, ref offset, layer.W), Slice(theta, ref offset, layer.B)));
        }

        return offset == theta.Length ? result : throw new ArgumentException($"{theta.Length} values for {offset} parameters");
    }

    /// <summary>gradient_check_n: the two-sided check of <paramref name="gradients"/> over every parameter of the network.</summary>
    public static double Check(
        Tensor x, Tensor y, IReadOnlyList<LayerParameters> parameters, IReadOnlyList<LayerGradients> gradients, double epsilon,
        Func<Tensor, Tensor, IReadOnlyList<LayerParameters>, double>? cost = null)
    {
        cost ??= Cost;
        return GradientCheck.Difference(
            theta =>
            {
                using var scope = torch.NewDisposeScope();
                return cost(x, y, FromVector(theta, parameters));
            },
            ToVector(parameters), ToVector(gradients), epsilon);
    }

    private static Tensor Slice(double[] theta, ref int offset, Tensor like)
    {
        var count = (int)like.numel();
        var values = theta.AsSpan(offset, count).ToArray();
        offset += count;
        return Float64Tensors.FromRowMajor(values, like.shape, like.device);
    }
}
