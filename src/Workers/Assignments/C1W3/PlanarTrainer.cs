using System.Numerics;
using System.Numerics.Tensors;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C1W3;

/// <summary>
/// The training loop of <see cref="PlanarNetwork.NnModel"/> on buffers allocated once: every step overwrites the same
/// activations and gradients and updates the parameters in place, each matrix row handled by one vectorised
/// <see cref="TensorPrimitives"/> call (tanh, σ, dot products, axpy). The per-op <see cref="Matrix"/> path allocated a dozen
/// matrices per step and called Math.Tanh per element; it stays as the notebook's building blocks, and the tests compare both.
/// Generic over float and double for the <c>dtype</c> option. The order of operations is the notebook's (product, then
/// bias; 1/m times the product; θ - lr·dθ with two roundings), so float64 runs stay within rounding of numpy's.
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
    private readonly T[] scratch; // (max(n_y, 1), m)
    private readonly T[] scratch2;

    public PlanarTrainer(Matrix x, Matrix y, PlanarParameters initial)
    {
        if (x.Columns != y.Columns || initial.W1.Columns != x.Rows || initial.W2.Rows != y.Rows)
        {
            throw new ArgumentException($"X {x.Rows}x{x.Columns}, Y {y.Rows}x{y.Columns} and W1 {initial.W1.Rows}x{initial.W1.Columns} do not fit");
        }

        (nX, nH, nY, m) = (x.Rows, initial.W1.Rows, y.Rows, x.Columns);
        inverseM = T.One / T.CreateChecked(m);
        this.x = Convert(x.Data);
        this.y = Convert(y.Data);
        (w1, b1, w2, b2) = (Convert(initial.W1.Data), Convert(initial.B1.Data), Convert(initial.W2.Data), Convert(initial.B2.Data));
        (dW1, db1, dW2, db2) = (new T[w1.Length], new T[b1.Length], new T[w2.Length], new T[b2.Length]);
        (a1, dZ1) = (new T[nH * m], new T[nH * m]);
        (a2, dZ2, scratch, scratch2) = (new T[nY * m], new T[nY * m], new T[nY * m], new T[nY * m]);
    }

    /// <summary>A1 = tanh(W1·X + b1), A2 = σ(W2·A1 + b2).</summary>
    public void Forward()
    {
        for (var i = 0; i < nH; i++)
        {
            var row = a1.AsSpan(i * m, m);
            AffineRow(w1.AsSpan(i * nX, nX), x, b1[i], row);
            TensorPrimitives.Tanh(row, row);
        }

        for (var r = 0; r < nY; r++)
        {
            var row = a2.AsSpan(r * m, m);
            AffineRow(w2.AsSpan(r * nH, nH), a1, b2[r], row);
            TensorPrimitives.Sigmoid(row, row);
        }
    }

    /// <summary>-(1/m)·Σ [y·log A2 + (1-y)·log(1-A2)] of the last forward pass.</summary>
    public double Cost()
    {
        TensorPrimitives.Log(a2, scratch);
        var positive = TensorPrimitives.Dot(scratch, y);
        TensorPrimitives.Subtract(T.One, a2, scratch);
        TensorPrimitives.Log(scratch, scratch);
        TensorPrimitives.Subtract(T.One, y, scratch2);
        var negative = TensorPrimitives.Dot(scratch2, scratch);
        return -double.CreateChecked(positive + negative) / m;
    }

    /// <summary>The notebook's backward_propagation for the last forward pass, then θ ← θ - learning_rate·dθ.</summary>
    public void BackwardAndUpdate(T learningRate)
    {
        TensorPrimitives.Subtract(a2, y, dZ2);
        for (var r = 0; r < nY; r++)
        {
            var dZ2Row = dZ2.AsSpan(r * m, m);
            for (var i = 0; i < nH; i++)
            {
                dW2[r * nH + i] = inverseM * TensorPrimitives.Dot(dZ2Row, a1.AsSpan(i * m, m));
            }

            db2[r] = inverseM * TensorPrimitives.Sum(dZ2Row);
        }

        // dZ1 = (W2ᵀ·dZ2) * (1 - A1²), row by row.
        var derivative = scratch.AsSpan(0, m);
        for (var i = 0; i < nH; i++)
        {
            var row = dZ1.AsSpan(i * m, m);
            TensorPrimitives.Multiply(dZ2.AsSpan(0, m), w2[i], row);
            for (var r = 1; r < nY; r++)
            {
                TensorPrimitives.MultiplyAdd(dZ2.AsSpan(r * m, m), w2[r * nH + i], row, row);
            }

            var activation = a1.AsSpan(i * m, m);
            TensorPrimitives.Multiply(activation, activation, derivative);
            TensorPrimitives.Subtract(T.One, derivative, derivative);
            TensorPrimitives.Multiply(row, derivative, row);
            for (var k = 0; k < nX; k++)
            {
                dW1[i * nX + k] = inverseM * TensorPrimitives.Dot(row, x.AsSpan(k * m, m));
            }

            db1[i] = inverseM * TensorPrimitives.Sum(row);
        }

        // θ + dθ·(-lr) rounds exactly as numpy's θ - lr·dθ (negation is exact; MultiplyAdd does not fuse).
        var step = -learningRate;
        TensorPrimitives.MultiplyAdd(dW1, step, w1, w1);
        TensorPrimitives.MultiplyAdd(db1, step, b1, b1);
        TensorPrimitives.MultiplyAdd(dW2, step, w2, w2);
        TensorPrimitives.MultiplyAdd(db2, step, b2, b2);
    }

    /// <summary>The current parameters as float64 matrices.</summary>
    public PlanarParameters Parameters() => new(
        new Matrix(nH, nX, Widen(w1)), new Matrix(nH, 1, Widen(b1)), new Matrix(nY, nH, Widen(w2)), new Matrix(nY, 1, Widen(b2)));

    /// <summary>row = Σ_k weights[k]·inputs row k, then + bias: np.dot(W, A) + b.</summary>
    private void AffineRow(ReadOnlySpan<T> weights, ReadOnlySpan<T> inputs, T bias, Span<T> row)
    {
        TensorPrimitives.Multiply(inputs[..m], weights[0], row);
        for (var k = 1; k < weights.Length; k++)
        {
            TensorPrimitives.MultiplyAdd(inputs.Slice(k * m, m), weights[k], row, row);
        }

        TensorPrimitives.Add(row, bias, row);
    }

    private static T[] Convert(double[] values)
    {
        var result = new T[values.Length];
        TensorPrimitives.ConvertChecked<double, T>(values, result);
        return result;
    }

    private static double[] Widen(T[] values)
    {
        var result = new double[values.Length];
        TensorPrimitives.ConvertChecked<T, double>(values, result);
        return result;
    }
}
