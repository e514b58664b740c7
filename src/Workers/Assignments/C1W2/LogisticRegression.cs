using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C1W2;

/// <summary>Gradients and cost from one <see cref="LogisticRegression.Propagate"/> call.</summary>
public sealed record PropagateResult(Tensor Dw, double Db, double Cost);

/// <summary>Final parameters, the last computed gradients (from before the last update) and the costs recorded every 100 iterations.</summary>
public sealed record OptimizeResult(Tensor W, double B, Tensor Dw, double Db, IReadOnlyList<double> Costs);

/// <summary>
/// The notebook's building blocks for logistic regression as a one-neuron network (spec §2), on float64 TorchSharp tensors.
/// Shapes follow the notebook: w (n, 1), X (n, m) with examples as columns, Y (1, m); b is a plain double as in numpy.
/// </summary>
public static class LogisticRegression
{
    /// <summary>The iteration period at which optimize records (and the job logs) the cost.</summary>
    public const int CostPeriod = 100;

    /// <summary>σ(z) = 1/(1+e^(-z)), written out as in the notebook rather than torch.sigmoid.</summary>
    public static Tensor Sigmoid(Tensor z) => torch.exp(-z).AddInPlace(1.0).reciprocal_();

    /// <summary>w = zeros(dim, 1), b = 0.</summary>
    public static (Tensor W, double B) InitializeWithZeros(int dim, Device? device = null) =>
        (torch.zeros(dim, 1, dtype: ScalarType.Float64, device: device), 0.0);

    /// <summary>A = σ(wᵀX + b); cost = cross-entropy; dw = X(A-Y)ᵀ/m; db = mean(A-Y).</summary>
    public static PropagateResult Propagate(Tensor w, double b, Tensor x, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var m = x.shape[1];
        var a = Sigmoid(w.T.matmul(x).AddInPlace(b));
        // The notebook's order of operations (1/m · X(A-Y)ᵀ), so the float64 roundings match numpy's.
        var cost = Cost(a, y);
        var difference = a - y;
        var dw = x.matmul(difference.T).MulInPlace(1.0 / m);
        var db = 1.0 / m * Float64Tensors.Item(difference.sum());
        return new PropagateResult(dw.MoveToOuterDisposeScope(), db, cost);
    }

    /// <summary>
    /// -1/m · Σ [Y·log A + (1-Y)·log(1-A)], in the notebook's order of operations (-1/m · Σ) so the float64 roundings match
    /// numpy's.
    /// </summary>
    public static double Cost(Tensor a, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var m = y.shape[1];
        return -1.0 / m * Float64Tensors.Item((y * torch.log(a)).Plus(y.SubtractedFrom(1.0) * torch.log(a.SubtractedFrom(1.0))).sum());
    }

    /// <summary>
    /// Gradient descent: at iteration i, propagate, record the cost when i % 100 == 0 (and report it through
    /// <paramref name="onCost"/>), then update. The input <paramref name="w"/> is not modified.
    /// </summary>
    public static OptimizeResult Optimize(
        Tensor w, double b, Tensor x, Tensor y, int numIterations, double learningRate,
        Action<int, double>? onCost = null, CancellationToken cancellation = default)
    {
        var costs = new List<double>();
        var currentW = w.clone().DetachFromDisposeScope();
        Tensor? lastDw = null;
        var lastDb = double.NaN;
        for (var i = 0; i < numIterations; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var step = torch.NewDisposeScope();
            var gradients = Propagate(currentW, b, x, y);
            if (i % CostPeriod == 0)
            {
                costs.Add(gradients.Cost);
                onCost?.Invoke(i, gradients.Cost);
            }

            // w - lr·dw with two roundings like numpy (sub_ with alpha may fuse them).
            currentW.sub_(gradients.Dw.Times(learningRate));
            b -= learningRate * gradients.Db;
            lastDw?.Dispose();
            lastDw = gradients.Dw.DetachFromDisposeScope();
            lastDb = gradients.Db;
        }

        return new OptimizeResult(currentW, b, lastDw ?? torch.zeros_like(w).DetachFromDisposeScope(), lastDb, costs);
    }

    /// <summary>ŷ = 1 where σ(wᵀX + b) &gt; 0.5, else 0, as a float64 (1, m) row.</summary>
    public static Tensor Predict(Tensor w, double b, Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var a = Sigmoid(w.T.matmul(x).AddInPlace(b));
        return a.GreaterThan(0.5).to_type(ScalarType.Float64).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The notebook's printed accuracy, 100 - mean|ŷ-y|·100, as a fraction. Computed in that order because it rounds
    /// differently from correct/m (207/209 gives 0.9904306220095693; the notebook's figure is 0.9904306220095694).
    /// </summary>
    public static double Accuracy(Tensor predictions, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var wrong = predictions.ne(y).sum().item<long>();
        var meanAbsoluteError = wrong / (double)y.numel();
        return (100 - meanAbsoluteError * 100) / 100;
    }
}
