using System.Numerics;
using System.Runtime.CompilerServices;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2.Shared;

/// <summary>Where the backward pass applies 1/m; the notebooks differ, and the exact rounding follows the notebook.</summary>
public enum GradientScaling
{
    /// <summary><c>dZ_L = 1./m·(A_L - Y)</c>, dW = dZ·A_prevᵀ (init_utils / reg_utils / opt_utils backward_propagation).</summary>
    AtOutput,

    /// <summary><c>dZ_L = A_L - Y</c>, dW = 1./m·dZ·A_prevᵀ, db = 1./m·Σ dZ (the with_regularization / with_dropout backward).</summary>
    AtWeights,
}

/// <summary>
/// LINEAR→RELU ×(L-1) → LINEAR→SIGMOID on preallocated row-major buffers of T (float64, the notebooks' type, or float32
/// for the <c>dtype</c> option), for the C2 networks of a few dozen units: each layer is a handful of SIMD row kernels, with
/// no allocation per step. (A per-op TorchSharp port of the He-initialisation run took 1.6 s against numpy's 1.02 s; the
/// cost of these nets is call overhead, not arithmetic.) Activations and gradients of the last pass stay readable until the next one.
/// </summary>
public sealed class ReluSigmoidNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] dims;
    private readonly T[][] activations; // A_l at index l-1, (n_l, m) row-major with row stride m
    private readonly T[][] activationGradients; // dA_l for hidden layers, after the dropout mask
    private readonly T[][] linearGradients; // dZ_l
    private readonly T[][] transposedWeights; // W_{l+1}ᵀ for hidden layer l, refreshed each backward pass

    public ReluSigmoidNetwork(IReadOnlyList<int> layerDims, int maxColumns)
    {
        if (layerDims.Count < 2 || layerDims.Any(n => n < 1))
        {
            throw new ArgumentException($"layer sizes must be at least two positive numbers, got [{string.Join(", ", layerDims)}]");
        }

        dims = [.. layerDims];
        MaxColumns = maxColumns;
        activations = dims.Skip(1).Select(n => new T[n * maxColumns]).ToArray();
        activationGradients = dims.Skip(1).Select(n => new T[n * maxColumns]).ToArray();
        linearGradients = dims.Skip(1).Select(n => new T[n * maxColumns]).ToArray();
        transposedWeights = Enumerable.Range(1, dims.Length - 2).Select(l => new T[dims[l] * dims[l + 1]]).ToArray();
    }

    public int MaxColumns { get; }

    /// <summary>m of the last forward pass.</summary>
    public int Columns { get; private set; }

    public int LayerCount => dims.Length - 1;

    /// <summary>A_L of the last forward pass, (1, m) for a single output unit.</summary>
    public ReadOnlySpan<T> Output => activations[^1].AsSpan(0, dims[^1] * Columns);

    /// <summary>A copy of A_l (1-based) from the last forward pass.</summary>
    public Matrix Activation(int layer) => Copy(activations[layer - 1], dims[layer]);

    /// <summary>A copy of dA_l (1-based hidden layer) from the last backward pass, after the dropout mask and 1/keep_prob.</summary>
    public Matrix ActivationGradient(int layer) => Copy(activationGradients[layer - 1], dims[layer]);

    /// <summary>
    /// Z_l = W_l·A_{l-1} + b_l; A_l = relu(Z_l) (·D_l/keep_prob with dropout) for hidden layers, σ(Z_L) for the output.
    /// <paramref name="x"/> holds X (n_0, m) row-major.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ParameterArrays<T> parameters, ReadOnlySpan<T> x, int columns, Dropout<T>? dropout = null)
    {
        if (columns > MaxColumns || x.Length != dims[0] * columns)
        {
            throw new ArgumentException($"X has {x.Length} values for {columns} columns of {dims[0]} features (capacity {MaxColumns})");
        }

        Columns = columns;
        for (var l = 1; l <= LayerCount; l++)
        {
            ReadOnlySpan<T> previous = l == 1 ? x : activations[l - 2].AsSpan(0, dims[l - 1] * columns);
            var w = parameters.W[l - 1];
            var hidden = l < LayerCount;
            for (var i = 0; i < dims[l]; i++)
            {
                var row = activations[l - 1].AsSpan(i * columns, columns);
                SpanMath.AffineRow(w.AsSpan(i * dims[l - 1], dims[l - 1]), previous, columns, parameters.B[l - 1][i], row, rectify: hidden);
                if (!hidden)
                {
                    SpanMath.Sigmoid(row);
                }
                else if (dropout is not null)
                {
                    SpanMath.MaskAndDivide(dropout.Masks[l - 1].AsSpan(i * columns, columns), dropout.KeepProb, row);
                }
            }
        }
    }

    /// <summary>
    /// Gradients of the CE cost for the last forward pass into <paramref name="gradients"/>, with the L2 term
    /// (lambd·W_l)/m when lambd ≠ 0 and the dropout masks applied to dA_l (dA·D/keep_prob) when given. The relu derivative
    /// is taken where A_l &gt; 0, as the notebooks do.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(
        ParameterArrays<T> parameters, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ParameterArrays<T> gradients,
        GradientScaling scaling = GradientScaling.AtOutput, T lambd = default, Dropout<T>? dropout = null)
    {
        var m = Columns;
        var mT = T.CreateChecked(m);
        var inverseM = T.One / mT;
        var outputScale = scaling == GradientScaling.AtOutput ? inverseM : T.One;
        var weightScale = scaling == GradientScaling.AtWeights ? inverseM : T.One;
        var top = linearGradients[^1].AsSpan(0, dims[^1] * m);
        var output = Output;
        for (var j = 0; j < top.Length; j++)
        {
            top[j] = scaling == GradientScaling.AtOutput ? outputScale * (output[j] - y[j]) : output[j] - y[j];
        }

        for (var l = LayerCount; l >= 1; l--)
        {
            ReadOnlySpan<T> previous = l == 1 ? x : activations[l - 2].AsSpan(0, dims[l - 1] * m);
            var dZ = linearGradients[l - 1];
            var w = parameters.W[l - 1];
            var dW = gradients.W[l - 1];
            for (var i = 0; i < dims[l]; i++)
            {
                var dZRow = dZ.AsSpan(i * m, m);
                for (var k = 0; k < dims[l - 1]; k++)
                {
                    var product = SpanMath.Dot<T>(dZRow, previous.Slice(k * m, m));
                    var index = i * dims[l - 1] + k;
                    dW[index] = scaling == GradientScaling.AtWeights ? weightScale * product : product;
                    if (lambd != T.Zero)
                    {
                        dW[index] += lambd * w[index] / mT;
                    }
                }

                var sum = SpanMath.Sum<T>(dZRow);
                gradients.B[l - 1][i] = scaling == GradientScaling.AtWeights ? weightScale * sum : sum;
            }

            if (l > 1)
            {
                PropagateToHiddenLayer(l, w, dZ, m, dropout);
            }
        }
    }

    /// <summary>CE-nansum (spec §0.6) of the last output against Y, summed over examples and not yet divided by m.</summary>
    public T CrossEntropySum(ReadOnlySpan<T> y) => CrossEntropySum(Output, y);

    /// <summary>Σ [-log(a)·y - log(1-a)·(1-y)] with NaN terms (0·∞) skipped, as np.nansum does; an infinite term stays infinite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T CrossEntropySum(ReadOnlySpan<T> output, ReadOnlySpan<T> y)
    {
        var sum = T.Zero;
        for (var j = 0; j < output.Length; j++)
        {
            var term = -T.Log(output[j]) * y[j] + -T.Log(T.One - output[j]) * (T.One - y[j]);
            if (!T.IsNaN(term))
            {
                sum += term;
            }
        }

        return sum;
    }

    /// <summary>dA_{l-1} = W_lᵀ·dZ_l (then ·D/keep_prob), dZ_{l-1} = dA_{l-1} where A_{l-1} &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PropagateToHiddenLayer(int l, T[] w, T[] dZ, int m, Dropout<T>? dropout)
    {
        var hidden = l - 1;
        var weightsOfUnit = transposedWeights[hidden - 1];
        for (var i = 0; i < dims[l]; i++)
        {
            for (var k = 0; k < dims[hidden]; k++)
            {
                weightsOfUnit[k * dims[l] + i] = w[i * dims[hidden] + k];
            }
        }

        for (var k = 0; k < dims[hidden]; k++)
        {
            var dARow = activationGradients[hidden - 1].AsSpan(k * m, m);
            SpanMath.AffineRow(weightsOfUnit.AsSpan(k * dims[l], dims[l]), dZ.AsSpan(0, dims[l] * m), m, T.Zero, dARow, rectify: false);
            if (dropout is not null)
            {
                SpanMath.MaskAndDivide(dropout.Masks[hidden - 1].AsSpan(k * m, m), dropout.KeepProb, dARow);
            }

            SpanMath.KeepWherePositive(activations[hidden - 1].AsSpan(k * m, m), dARow, linearGradients[hidden - 1].AsSpan(k * m, m));
        }
    }

    /// <summary>
    /// Rounds the cached activations to <paramref name="decimals"/> places, to rebuild a notebook test file's printed cache
    /// (its backward tests read A_l and W_l as printed, not as computed).
    /// </summary>
    internal void RoundActivations(int decimals)
    {
        for (var l = 1; l <= LayerCount; l++)
        {
            var values = activations[l - 1].AsSpan(0, dims[l] * Columns);
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = T.Round(values[j], decimals, MidpointRounding.ToEven);
            }
        }
    }

    private Matrix Copy(T[] buffer, int rows) => new(rows, Columns, Dtypes.Widen<T>(buffer.AsSpan(0, rows * Columns)));
}
