using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C2W3SignsMlp;

/// <summary>
/// LINEAR(25)→RELU→LINEAR(12)→RELU→LINEAR(6) on examples as columns (12288, m), softmax in the loss, in float64 (issue 3's
/// default for the Course 1-2 jobs) or float32 (the notebook's TensorFlow type, which spec §10 allows).
/// W_l is (n_l, n_{l-1}) and b_l (n_l, 1) as in the notebook: 307,615 parameters. Weights are the notebook's own
/// draws: <c>tf.set_random_seed(1)</c> and <c>xavier_initializer(seed = 1)</c> for each W_l, reproduced bit for bit by
/// <see cref="TensorFlowRandom"/> (graph seed 1, op seed 1, so each W_l comes from the start of the same stream), widened
/// exactly to float64 in a float64 run; biases 0.
/// The parameters are plain tensors without autograd: <see cref="SignsMlpTrainer"/> writes the backward pass out, because
/// autograd's bookkeeping cost more than the arithmetic of these small layers (only W1's two products are large).
/// </summary>
public sealed class SignsMlp : IDisposable
{
    /// <summary>The notebook's <c>tf.set_random_seed(1)</c>.</summary>
    public const long GraphSeed = 1;

    /// <summary>The notebook's <c>xavier_initializer(seed = 1)</c>.</summary>
    public const long OperationSeed = 1;

    public static readonly int[] LayersDims = [12288, 25, 12, 6];

    private SignsMlp(Tensor[] weights, Tensor[] biases)
    {
        Weights = weights;
        Biases = biases;
    }

    public Tensor[] Weights { get; }

    public Tensor[] Biases { get; }

    /// <summary>W1, b1, W2, b2, W3, b3.</summary>
    public IEnumerable<Tensor> Parameters => Weights.Zip(Biases, (w, b) => new[] { w, b }).SelectMany(pair => pair);

    public long ParameterCount => Parameters.Sum(p => p.numel());

    /// <summary>W_l = TF1's Xavier-uniform draw for shape [n_l, n_{l-1}] (limit √(6/(n_{l-1}+n_l))); b_l = 0; all in <paramref name="dtype"/>.</summary>
    public static SignsMlp Create(Device device, ScalarType dtype)
    {
        var weights = new Tensor[LayersDims.Length - 1];
        var biases = new Tensor[LayersDims.Length - 1];
        for (var l = 1; l < LayersDims.Length; l++)
        {
            var values = TensorFlowRandom.XavierUniform([LayersDims[l], LayersDims[l - 1]], GraphSeed, OperationSeed);
            using var drawn = torch.tensor(values, [LayersDims[l], LayersDims[l - 1]], device: device);
            weights[l - 1] = drawn.to_type(dtype, copy: true).DetachFromDisposeScope();
            biases[l - 1] = torch.zeros([LayersDims[l], 1], dtype, device: device).DetachFromDisposeScope();
        }

        return new SignsMlp(weights, biases);
    }

    /// <summary>
    /// Z_l = W_l·A_{l-1} + b_l as in the notebook, on examples as columns (12288, m); every Z_l and A_l, the last Z being the
    /// logits (6, m). The trainer's backward pass needs them all. (W1·X with X's columns contiguous was the fastest of
    /// libtorch's orientations for this 25×12288×32 product.)
    /// </summary>
    public (Tensor[] Z, Tensor[] A) ForwardAll(Tensor columns)
    {
        var z = new Tensor[Weights.Length];
        var a = new Tensor[Weights.Length];
        var input = columns;
        for (var l = 0; l < Weights.Length; l++)
        {
            z[l] = Weights[l].mm(input).AddInPlace(Biases[l]);
            a[l] = l < Weights.Length - 1 ? z[l].relu() : z[l];
            input = a[l];
        }

        return (z, a);
    }

    /// <summary>Logits (6, m).</summary>
    public Tensor Forward(Tensor columns) => ForwardAll(columns).Z[^1];

    /// <summary>Fraction of examples (columns) whose largest logit is the label.</summary>
    public double Accuracy(Tensor columns, Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        return Forward(columns).argmax(0).eq(labels).to_type(ScalarType.Float64).mean().item<double>();
    }

    public void Dispose()
    {
        foreach (var parameter in Parameters)
        {
            parameter.Dispose();
        }
    }
}
