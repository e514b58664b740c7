using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C2W3SignsMlp;

/// <summary>
/// One Adam step on a mini-batch of <see cref="SignsMlp"/>: forward, mean softmax cross-entropy, the backward pass written
/// out, then <see cref="FusedAdam"/>. Gradients live in buffers allocated once: the only large tensors a step creates are
/// the gathered batch and W1's forward product. No tensor here requires a gradient, so nothing records autograd. Numbers
/// go to libtorch through <see cref="SafeScalarOps"/>.
/// </summary>
public sealed class SignsMlpTrainer : IDisposable
{
    private readonly SignsMlp model;
    private readonly Tensor[] weightGradients;
    private readonly Tensor[] biasGradients;
    private readonly FusedAdam adam;

    public SignsMlpTrainer(SignsMlp model, double learningRate, bool? fusedOnCpu = null)
    {
        this.model = model;
        weightGradients = model.Weights.Select(w => torch.zeros_like(w).DetachFromDisposeScope()).ToArray();
        biasGradients = model.Biases.Select(b => torch.zeros_like(b).DetachFromDisposeScope()).ToArray();
        adam = FusedAdam.For(model.Parameters.ToArray(), learningRate, fusedOnCpu);
    }

    /// <summary>dW1, db1, …, dW3, db3 of the last <see cref="Backward"/>.</summary>
    public IReadOnlyList<Tensor> Gradients => Interleave(weightGradients, biasGradients);

    /// <summary>Trains on examples as columns (12288, m) with one-hot labels (6, m); returns the batch's mean cost as a scalar tensor on the device.</summary>
    public Tensor Step(Tensor columns, Tensor oneHot)
    {
        var cost = Backward(columns, oneHot);
        adam.Step(Gradients);
        return cost;
    }

    /// <summary>The batch's mean cost; fills <see cref="Gradients"/>.</summary>
    public Tensor Backward(Tensor columns, Tensor oneHot)
    {
        var m = columns.shape[1];
        var (z, a) = model.ForwardAll(columns);
        var logProbabilities = z[^1].log_softmax(0);
        var cost = logProbabilities.mul(oneHot).sum().DivInPlace(-m);

        // dZ_L = (softmax - Y)/m; dW_l = dZ_l·A_{l-1}ᵀ; db_l = Σ_examples dZ_l; dZ_{l-1} = W_lᵀ·dZ_l where Z_{l-1} > 0.
        var dz = logProbabilities.exp_().sub_(oneHot).DivInPlace(m);
        for (var l = model.Weights.Length - 1; l >= 0; l--)
        {
            var input = l == 0 ? columns : a[l - 1];
            weightGradients[l].addmm_(dz, input.t(), 0, 1);
            biasGradients[l].copy_(dz.sum(1, keepdim: true));
            if (l > 0)
            {
                dz = model.Weights[l].t().mm(dz).MaskedFill(z[l - 1].LessOrEqual(0), 0);
            }
        }

        return cost;
    }

    private static Tensor[] Interleave(Tensor[] weights, Tensor[] biases) =>
        weights.Zip(biases, (w, b) => new[] { w, b }).SelectMany(pair => pair).ToArray();

    public void Dispose()
    {
        foreach (var gradient in weightGradients.Concat(biasGradients))
        {
            gradient.Dispose();
        }

        adam.Dispose();
    }
}
