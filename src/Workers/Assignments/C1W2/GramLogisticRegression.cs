using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C1W2;

/// <summary>
/// <see cref="LogisticRegression.Optimize"/> in <see cref="GramForm"/>: it keeps z = wᵀX (1, m) instead of w and updates
/// it by z ← z - lr·(1/m)·(A-Y)·XᵀX. Each of the notebook's iterations reads the 20 MiB X twice (wᵀX, X(A-Y)ᵀ), which
/// makes it memory-bound (slower than numpy before this); here an iteration is 44k multiply-adds on a 209 × 209 matrix.
/// w = w₀ - lr·(1/m)·X·(Σ_t (A_t-Y))ᵀ at the end.
/// </summary>
public static class GramLogisticRegression
{
    public static OptimizeResult Optimize(
        Tensor w, double b, Tensor x, Tensor y, int numIterations, double learningRate,
        Action<int, double>? onCost = null, CancellationToken cancellation = default)
    {
        using var scope = torch.NewDisposeScope();
        var m = x.shape[1];
        var gram = x.T.matmul(x);
        var z = w.T.matmul(x);
        var differenceSum = torch.zeros_like(z);
        var lastDifference = torch.zeros_like(z);
        var costs = new List<double>();
        var lastDb = double.NaN;
        for (var i = 0; i < numIterations; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var step = torch.NewDisposeScope();
            var a = LogisticRegression.Sigmoid(z.Plus(b));
            if (i % LogisticRegression.CostPeriod == 0)
            {
                var cost = LogisticRegression.Cost(a, y);
                costs.Add(cost);
                onCost?.Invoke(i, cost);
            }

            var difference = a - y;
            var db = 1.0 / m * Float64Tensors.Item(difference.sum());
            // wᵀX - lr·(1/m·(A-Y)Xᵀ)ᵀX, the product regrouped as (A-Y)·(XᵀX).
            z.sub_(difference.matmul(gram).MulInPlace(1.0 / m).MulInPlace(learningRate));
            differenceSum.AddInPlace(difference);
            lastDifference.copy_(difference);
            b -= learningRate * db;
            lastDb = db;
        }

        var trainedW = (w - x.matmul(differenceSum.T).MulInPlace(1.0 / m).MulInPlace(learningRate)).MoveToOuterDisposeScope();
        var lastDw = x.matmul(lastDifference.T).MulInPlace(1.0 / m).MoveToOuterDisposeScope();
        return new OptimizeResult(trainedW, b, lastDw, lastDb, costs);
    }
}
