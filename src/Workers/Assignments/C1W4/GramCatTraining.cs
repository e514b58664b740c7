using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C1W4;

/// <summary>
/// <see cref="CatClassifier.Train"/> with the first layer in <see cref="GramForm"/>: it keeps P = W1·X (n₁, m) instead of
/// W1 and updates it by P ← P - lr·(1/m)·dZ1·XᵀX. The notebook's step spends nearly all its time in the two products with
/// the 12288 × 209 X (W1·X, dZ1·Xᵀ: 2·n₁·12288·209 multiply-adds, memory-bound); here a step costs n₁·209² and the small
/// layers behind it, which run <see cref="DeepNetwork"/>'s own blocks. W1 is written back at the end.
/// </summary>
public static class GramCatTraining
{
    public static void Train(
        IReadOnlyList<LayerParameters> parameters, Tensor x, Tensor y, double learningRate, int numIterations,
        Action<int, double>? onCost = null, CancellationToken cancellation = default)
    {
        using var scope = torch.NewDisposeScope();
        var m = x.shape[1];
        var (w1, b1) = (parameters[0].W, parameters[0].B);
        var tail = parameters.Skip(1).ToArray();
        var gram = x.T.matmul(x);
        var product = w1.matmul(x);
        var dZ1Sum = torch.zeros_like(product);
        for (var i = 0; i < numIterations; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var step = torch.NewDisposeScope();
            var z1 = product.Plus(b1);
            var (al, caches) = DeepNetwork.LModelForward(z1.relu(), tail);
            if (i % CatClassifier.CostPeriod == 0 || i == numIterations - 1)
            {
                onCost?.Invoke(i, DeepNetwork.ComputeCost(al, y));
            }

            var gradients = DeepNetwork.LModelBackward(al, y, caches, computeInputGradient: true);
            var dZ1 = DeepNetwork.ReluBackward(gradients[0].DAPrev!, z1);
            var db1 = dZ1.sum(1, keepdim: true).MulInPlace(1.0 / m);
            // W1·X - lr·(1/m·dZ1·Xᵀ)·X, the product regrouped as dZ1·(XᵀX).
            product.sub_(dZ1.matmul(gram).MulInPlace(1.0 / m).MulInPlace(learningRate));
            dZ1Sum.AddInPlace(dZ1);
            DeepNetwork.UpdateParameters(tail, gradients, learningRate);
            b1.sub_(db1.Times(learningRate));
        }

        w1.sub_(dZ1Sum.matmul(x.T).MulInPlace(1.0 / m).MulInPlace(learningRate));
    }
}
