using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C1W3;

/// <summary>
/// The training loop of <see cref="PlanarNetwork.NnModel"/> on buffers allocated once: every step overwrites the same
/// activations and gradients and updates the parameters in place, each matrix row handled by one vectorised call
/// (<see cref="SpanMath"/>'s kernels; <see cref="TensorPrimitives"/> for tanh, σ and log). The per-op <see cref="Matrix"/>
/// path allocated a dozen matrices per step and called Math.Tanh per element; it stays as the notebook's building blocks,
/// and the tests compare both. Generic over float and double for the <c>dtype</c> option. The order of operations is the
/// notebook's (product, then bias; 1/m times the product; θ - lr·dθ with two roundings), so float64 runs stay within
/// rounding of numpy's. SpanMath rather than TensorPrimitives for the rest: a run is 0.1 s of arithmetic, and each generic
/// TensorPrimitives kernel costs the JIT tens of milliseconds through its tiers (measured: 0.6 s CPU for a fresh process's run).
/// </summary>
internal sealed class PlanarTrainer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int nX;
    private readonly int nH;
    private readonly int nY;
    private readonly int m;
    private readonly T inverseM;
    private readonly T[] x;
    private readonly T[] y;
    private readonly T[] w1;
    private readonly T[] b1;
    private readonly T[] w2;
    private readonly T[] b2;
    private readonly T[] dW1;
    private readonly T[] db1;
    private readonly T[] dW2;
    private readonly T[] db2;
    private readonly T[] a1; // (n_h, m)
    private readonly T[] a2; // (n_y, m)
    private readonly T[] dZ1; // (n_h, m)
    private readonly T[] dZ2; // (n_y, m)
    private readonly T[] scratch; // (n_y, m), for the cost
    private readonly T[] scratch2;
    private readonly T[] w2Transposed; // W2ᵀ (n_h, n_y), refreshed each backward pass

    public PlanarTrainer(Matrix x, Matrix y, PlanarParameters initial)
    {
        if (x.Columns != y.Columns || initial.W1.Columns != x.Rows || initial.W2.Rows != y.Rows)
        {
            throw new ArgumentException($"X {x.Rows}x{x.Columns}, Y {y.Rows}x{y.Columns} and W1 {initial.W1.Rows}x{initial.W1.Columns} do not fit");
        }

        (nX, nH, nY, m) = (x.Rows, initial.W1.Rows, y.Rows, x.Columns);
        inverseM = T.One / T.CreateChecked(m);
        this.x = Dtypes.Narrow<T>(x.Data);
        this.y = Dtypes.Narrow<T>(y.Data);
        (w1, b1, w2, b2) = (Dtypes.Narrow<T>(initial.W1.Data), Dtypes.Narrow<T>(initial.B1.Data), Dtypes.Narrow<T>(initial.W2.Data), Dtypes.Narrow<T>(initial.B2.Data));
        (dW1, db1, dW2, db2) = (new T[w1.Length], new T[b1.Length], new T[w2.Length], new T[b2.Length]);
        (a1, dZ1) = (new T[nH * m], new T[nH * m]);
        (a2, dZ2, scratch, scratch2) = (new T[nY * m], new T[nY * m], new T[nY * m], new T[nY * m]);
        w2Transposed = new T[w2.Length];
    }

    /// <summary>A1 = tanh(W1·X + b1), A2 = σ(W2·A1 + b2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward()
    {
        for (var i = 0; i < nH; i++)
        {
            var row = a1.AsSpan(i * m, m);
            SpanMath.AffineRow(w1.AsSpan(i * nX, nX), x, m, b1[i], row, rectify: false);
            TensorPrimitives.Tanh(row, row);
        }

        for (var r = 0; r < nY; r++)
        {
            var row = a2.AsSpan(r * m, m);
            SpanMath.AffineRow(w2.AsSpan(r * nH, nH), a1, m, b2[r], row, rectify: false);
            TensorPrimitives.Sigmoid(row, row);
        }
    }

    /// <summary>-(1/m)·Σ [y·log A2 + (1-y)·log(1-A2)] of the last forward pass.</summary>
    public double Cost()
    {
        TensorPrimitives.Log(a2, scratch);
        var positive = SpanMath.Dot<T>(scratch, y);
        TensorPrimitives.Subtract(T.One, a2, scratch);
        TensorPrimitives.Log(scratch, scratch);
        TensorPrimitives.Subtract(T.One, y, scratch2);
        var negative = SpanMath.Dot<T>(scratch2, scratch);
        return -double.CreateChecked(positive + negative) / m;
    }

    /// <summary>The notebook's backward_propagation for the last forward pass, then θ ← θ - learning_rate·dθ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void BackwardAndUpdate(T learningRate)
    {
        SpanMath.Subtract<T>(a2, y, dZ2);
        for (var r = 0; r < nY; r++)
        {
            var dZ2Row = dZ2.AsSpan(r * m, m);
            for (var i = 0; i < nH; i++)
            {
                dW2[r * nH + i] = inverseM * SpanMath.Dot<T>(dZ2Row, a1.AsSpan(i * m, m));
                w2Transposed[i * nY + r] = w2[r * nH + i];
            }

            db2[r] = inverseM * SpanMath.Sum<T>(dZ2Row);
        }

        for (var i = 0; i < nH; i++)
        {
            // dZ1 = (W2ᵀ·dZ2) * (1 - A1²), row by row.
            var row = dZ1.AsSpan(i * m, m);
            SpanMath.AffineRow(w2Transposed.AsSpan(i * nY, nY), dZ2, m, T.Zero, row, rectify: false);
            SpanMath.MultiplyByOneMinusSquare<T>(a1.AsSpan(i * m, m), row);
            for (var k = 0; k < nX; k++)
            {
                dW1[i * nX + k] = inverseM * SpanMath.Dot<T>(row, x.AsSpan(k * m, m));
            }

            db1[i] = inverseM * SpanMath.Sum<T>(row);
        }

        SpanMath.SubtractScaled<T>(dW1, learningRate, w1);
        SpanMath.SubtractScaled<T>(db1, learningRate, b1);
        SpanMath.SubtractScaled<T>(dW2, learningRate, w2);
        SpanMath.SubtractScaled<T>(db2, learningRate, b2);
    }

    /// <summary>The current parameters as float64 matrices.</summary>
    public PlanarParameters Parameters() => new(
        new Matrix(nH, nX, Dtypes.Widen<T>(w1)), new Matrix(nH, 1, Dtypes.Widen<T>(b1)), new Matrix(nY, nH, Dtypes.Widen<T>(w2)), new Matrix(nY, 1, Dtypes.Widen<T>(b2)));
}
