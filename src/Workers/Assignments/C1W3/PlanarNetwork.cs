using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C1W3;

public sealed record PlanarParameters(Matrix W1, Matrix B1, Matrix W2, Matrix B2);

public sealed record PlanarCache(Matrix Z1, Matrix A1, Matrix Z2, Matrix A2);

public sealed record PlanarGradients(Matrix DW1, Matrix Db1, Matrix DW2, Matrix Db2);

/// <summary>
/// The notebook's one-hidden-layer network (spec §3): Z1 = W1X + b1, A1 = tanh(Z1), A2 = σ(W2A1 + b2), cross-entropy cost,
/// plain gradient descent. On plain arrays: at 2→4→1 units and 400 examples each TorchSharp call would cost more than its
/// arithmetic (measured: 2.5 s for the main run with per-op TorchSharp calls, 0.75 s on per-op <see cref="Matrix"/> calls);
/// training runs on <see cref="PlanarTrainer{T}"/>'s preallocated buffers, the functions below are the notebook's blocks.
/// </summary>
public static class PlanarNetwork
{
    public const int CostPeriod = 1000;
    public const int InitializationSeed = 2;

    /// <summary>(n_x, n_h, n_y) = (rows of X, 4, rows of Y): the notebook hard-codes 4 hidden units here.</summary>
    public static (int NX, int NH, int NY) LayerSizes(Matrix x, Matrix y) => (x.Rows, 4, y.Rows);

    /// <summary>seed(2); W1 = randn(n_h, n_x)·0.01, b1 = 0, W2 = randn(n_y, n_h)·0.01, b2 = 0.</summary>
    public static PlanarParameters InitializeParameters(int nX, int nH, int nY)
    {
        var random = new NumpyRandom(InitializationSeed);
        var w1 = new Matrix(nH, nX, random.Randn(nH, nX)).Scale(0.01);
        var w2 = new Matrix(nY, nH, random.Randn(nY, nH)).Scale(0.01);
        return new PlanarParameters(w1, Matrix.Zeros(nH, 1), w2, Matrix.Zeros(nY, 1));
    }

    public static PlanarCache ForwardPropagation(Matrix x, PlanarParameters parameters)
    {
        var z1 = Matrix.Multiply(parameters.W1, x).AddColumn(parameters.B1);
        var a1 = z1.Map(Math.Tanh);
        var z2 = Matrix.Multiply(parameters.W2, a1).AddColumn(parameters.B2);
        var a2 = z2.Map(Sigmoid);
        return new PlanarCache(z1, a1, z2, a2);
    }

    /// <summary>-(1/m)·Σ [y·log a + (1-y)·log(1-a)]; Y may be real-valued as in the 2017 test.</summary>
    public static double ComputeCost(Matrix a2, Matrix y)
    {
        var m = y.Columns;
        var sum = 0.0;
        for (var i = 0; i < a2.Data.Length; i++)
        {
            sum += Math.Log(a2.Data[i]) * y.Data[i] + (1 - y.Data[i]) * Math.Log(1 - a2.Data[i]);
        }

        return -sum / m;
    }

    public static PlanarGradients BackwardPropagation(PlanarParameters parameters, PlanarCache cache, Matrix x, Matrix y)
    {
        var m = x.Columns;
        var dZ2 = cache.A2.Subtract(y);
        var dW2 = Matrix.MultiplyTransposed(dZ2, cache.A1).Scale(1.0 / m);
        var db2 = dZ2.RowSums().Scale(1.0 / m);
        var dZ1 = Matrix.TransposedMultiply(parameters.W2, dZ2).Zip(cache.A1, (g, a) => g * (1 - a * a));
        var dW1 = Matrix.MultiplyTransposed(dZ1, x).Scale(1.0 / m);
        var db1 = dZ1.RowSums().Scale(1.0 / m);
        return new PlanarGradients(dW1, db1, dW2, db2);
    }

    /// <summary>θ ← θ - learning_rate·dθ.</summary>
    public static PlanarParameters UpdateParameters(PlanarParameters p, PlanarGradients g, double learningRate) => new(
        p.W1.Subtract(g.DW1.Scale(learningRate)),
        p.B1.Subtract(g.Db1.Scale(learningRate)),
        p.W2.Subtract(g.DW2.Scale(learningRate)),
        p.B2.Subtract(g.Db2.Scale(learningRate)));

    /// <summary>
    /// Initialise, then per iteration forward, cost, backward, update, on <see cref="PlanarTrainer{T}"/>'s preallocated
    /// buffers in <paramref name="dtype"/>. The cost at i % 1000 == 0 goes to <paramref name="onCost"/>. The notebook computes
    /// the cost every iteration but only prints it there; it feeds nothing else, so the other iterations skip its logarithms.
    /// </summary>
    public static PlanarParameters NnModel(
        Matrix x, Matrix y, int nH, int numIterations, double learningRate,
        Action<int, double>? onCost = null, CancellationToken cancellation = default, Dtype dtype = Dtype.Float64) =>
        dtype == Dtype.Float32
            ? Train<float>(x, y, nH, numIterations, (float)learningRate, onCost, cancellation)
            : Train<double>(x, y, nH, numIterations, learningRate, onCost, cancellation);

    /// <summary>
    /// The same loop on the per-op <see cref="Matrix"/> building blocks (the notebook's functions as written, allocating as
    /// numpy does), kept as the reference the fast path is tested against.
    /// </summary>
    public static PlanarParameters NnModelStepByStep(Matrix x, Matrix y, int nH, int numIterations, double learningRate, Action<int, double>? onCost = null)
    {
        var parameters = InitializeParameters(x.Rows, nH, y.Rows);
        for (var i = 0; i < numIterations; i++)
        {
            var cache = ForwardPropagation(x, parameters);
            if (i % CostPeriod == 0)
            {
                onCost?.Invoke(i, ComputeCost(cache.A2, y));
            }

            parameters = UpdateParameters(parameters, BackwardPropagation(parameters, cache, x, y), learningRate);
        }

        return parameters;
    }

    /// <summary>ŷ = 1 where A2 &gt; 0.5, else 0.</summary>
    public static Matrix Predict(PlanarParameters parameters, Matrix x) =>
        ForwardPropagation(x, parameters).A2.Map(a => a > 0.5 ? 1.0 : 0.0);

    /// <summary>(Y·ŷᵀ + (1-Y)·(1-ŷ)ᵀ) / m as a fraction.</summary>
    public static double Accuracy(Matrix y, Matrix predictions)
    {
        var agree = 0.0;
        for (var i = 0; i < y.Data.Length; i++)
        {
            agree += y.Data[i] * predictions.Data[i] + (1 - y.Data[i]) * (1 - predictions.Data[i]);
        }

        return agree / y.Data.Length;
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static PlanarParameters Train<T>(
        Matrix x, Matrix y, int nH, int numIterations, T learningRate, Action<int, double>? onCost, CancellationToken cancellation)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var trainer = new PlanarTrainer<T>(x, y, InitializeParameters(x.Rows, nH, y.Rows));
        for (var i = 0; i < numIterations; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            trainer.Forward();
            if (i % CostPeriod == 0)
            {
                onCost?.Invoke(i, trainer.Cost());
            }

            trainer.BackwardAndUpdate(learningRate);
        }

        return trainer.Parameters();
    }
}
