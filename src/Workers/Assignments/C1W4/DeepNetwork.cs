using Platform.Workers.Torch;
using Platform.Workers.Assignments.C1W2;
using Platform.Workers.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C1W4;

/// <summary>
/// The deep network's building blocks from "Building your deep neural network: step by step" (spec §4), written by hand
/// on float64 tensors with the notebook's shapes (examples as columns) and order of operations, so results round like numpy's.
/// Parameters are a list: element l-1 holds W{l}, b{l}. Gradients likewise: element l-1 holds dA{l-1}, dW{l}, db{l}.
/// </summary>
public static class DeepNetwork
{
    /// <summary>initialize_parameters(n_x, n_h, n_y): seed(1); W1 = randn(n_h, n_x)·0.01, W2 = randn(n_y, n_h)·0.01, b = 0.</summary>
    public static IReadOnlyList<LayerParameters> InitializeParameters(int nX, int nH, int nY, Device? device = null) =>
        InitializeParametersDeep([nX, nH, nY], seed: 1, WeightScale.TimesHundredth, device);

    /// <summary>
    /// initialize_parameters_deep(layer_dims): seed, then for l = 1..L W{l} = randn(n_l, n_{l-1}) scaled, b{l} = 0.
    /// The step-by-step notebook uses seed 3 and ·0.01; the cat application seed 1 and /sqrt(n_{l-1}).
    /// </summary>
    public static IReadOnlyList<LayerParameters> InitializeParametersDeep(
        IReadOnlyList<int> layerDims, uint seed, WeightScale scale, Device? device = null)
    {
        var random = new NumpyRandom(seed);
        var parameters = new List<LayerParameters>();
        for (var l = 1; l < layerDims.Count; l++)
        {
            int rows = layerDims[l], columns = layerDims[l - 1];
            var draws = random.Randn(rows, columns);
            var sqrtFanIn = Math.Sqrt(columns);
            for (var i = 0; i < draws.Length; i++)
            {
                draws[i] = scale == WeightScale.TimesHundredth ? draws[i] * 0.01 : draws[i] / sqrtFanIn;
            }

            parameters.Add(new LayerParameters(
                Float64Tensors.FromRowMajor(draws, [rows, columns], device),
                torch.zeros(rows, 1, dtype: ScalarType.Float64, device: device)));
        }

        return parameters;
    }

    /// <summary>Z = WA + b.</summary>
    public static (Tensor Z, LinearCache Cache) LinearForward(Tensor a, Tensor w, Tensor b) =>
        (w.matmul(a).AddInPlace(b), new LinearCache(a, w, b));

    public static (Tensor A, ActivationCache Cache) LinearActivationForward(Tensor aPrev, Tensor w, Tensor b, Activation activation)
    {
        var (z, linear) = LinearForward(aPrev, w, b);
        var a = activation == Activation.Sigmoid ? LogisticRegression.Sigmoid(z) : z.relu();
        return (a, new ActivationCache(linear, z));
    }

    /// <summary>[LINEAR→RELU]×(L-1) → LINEAR→SIGMOID, L = the number of parameter pairs; one cache per layer.</summary>
    public static (Tensor AL, IReadOnlyList<ActivationCache> Caches) LModelForward(Tensor x, IReadOnlyList<LayerParameters> parameters)
    {
        var caches = new List<ActivationCache>(parameters.Count);
        var a = x;
        for (var l = 0; l < parameters.Count; l++)
        {
            var activation = l == parameters.Count - 1 ? Activation.Sigmoid : Activation.Relu;
            (a, var cache) = LinearActivationForward(a, parameters[l].W, parameters[l].B, activation);
            caches.Add(cache);
        }

        return (a, caches);
    }

    /// <summary>Cross-entropy -(1/m)·Σ [Y·log AL + (1-Y)·log(1-AL)] as a scalar.</summary>
    public static double ComputeCost(Tensor al, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var m = y.shape[1];
        return -1.0 / m * Float64Tensors.Item((y * torch.log(al)).Plus(y.SubtractedFrom(1.0) * torch.log(al.SubtractedFrom(1.0))).sum());
    }

    /// <summary>dW = dZ·A_prevᵀ/m, db = ΣdZ/m over examples (n, 1), dA_prev = WᵀdZ (skipped when not wanted).</summary>
    public static LayerGradients LinearBackward(Tensor dZ, LinearCache cache, bool computeDAPrev = true)
    {
        var m = cache.APrev.shape[1];
        var dW = dZ.matmul(cache.APrev.T).MulInPlace(1.0 / m);
        var db = dZ.sum(1, keepdim: true).MulInPlace(1.0 / m);
        var dAPrev = computeDAPrev ? cache.W.T.matmul(dZ) : null;
        return new LayerGradients(dAPrev, dW, db);
    }

    /// <summary>dZ = dA where Z &gt; 0, else 0.</summary>
    public static Tensor ReluBackward(Tensor dA, Tensor z) => dA.MaskedFill(z.LessOrEqual(0), 0.0);

    /// <summary>dZ = dA·s·(1-s) with s = σ(Z).</summary>
    public static Tensor SigmoidBackward(Tensor dA, Tensor z)
    {
        var s = LogisticRegression.Sigmoid(z);
        return (dA * s).mul_(s.SubtractedFrom(1.0));
    }

    public static LayerGradients LinearActivationBackward(Tensor dA, ActivationCache cache, Activation activation, bool computeDAPrev = true)
    {
        var dZ = activation == Activation.Sigmoid ? SigmoidBackward(dA, cache.Z) : ReluBackward(dA, cache.Z);
        return LinearBackward(dZ, cache.Linear, computeDAPrev);
    }

    /// <summary>
    /// dAL = -(Y/AL - (1-Y)/(1-AL)), then the sigmoid layer and the relu layers back to the input. Training passes
    /// <paramref name="computeInputGradient"/> = false: dA0 = W1ᵀdZ1 is the largest product of the cat network's step
    /// (12288 x 209) and nothing reads it, so skipping it changes no number.
    /// </summary>
    public static IReadOnlyList<LayerGradients> LModelBackward(
        Tensor al, Tensor y, IReadOnlyList<ActivationCache> caches, bool computeInputGradient = true)
    {
        var gradients = new LayerGradients[caches.Count];
        var dA = (y.SubtractedFrom(1.0) / al.SubtractedFrom(1.0)).sub_(y / al);
        for (var l = caches.Count - 1; l >= 0; l--)
        {
            var activation = l == caches.Count - 1 ? Activation.Sigmoid : Activation.Relu;
            gradients[l] = LinearActivationBackward(dA, caches[l], activation, computeDAPrev: l > 0 || computeInputGradient);
            dA = gradients[l].DAPrev!;
        }

        return gradients;
    }

    /// <summary>Gradient descent in place: W{l} ← W{l} - learning_rate·dW{l}, b{l} ← b{l} - learning_rate·db{l}.</summary>
    public static void UpdateParameters(IReadOnlyList<LayerParameters> parameters, IReadOnlyList<LayerGradients> gradients, double learningRate)
    {
        for (var l = 0; l < parameters.Count; l++)
        {
            // Two roundings like numpy's W - lr*dW (sub_ with alpha may fuse them).
            parameters[l].W.sub_(gradients[l].DW.Times(learningRate));
            parameters[l].B.sub_(gradients[l].Db.Times(learningRate));
        }
    }
}
