using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Platform.Workers.Numerics;

/// <summary>
/// SIMD kernels over contiguous float64 rows, for the tiny-network CPU paths: one call per matrix row instead of one
/// TorchSharp call per tensor op (whose microseconds of overhead dominate a few hundred numbers). Matrix-product kernels
/// (<see cref="AffineRow"/>, <see cref="Dot"/>) use fused multiply-add as OpenBLAS does inside numpy's np.dot; element-wise
/// kernels are not fused, as numpy's expressions are not. Kernels skip tier-0 JIT: a training run calls them from its first step.
/// </summary>
public static class SpanMath
{
    /// <summary>
    /// One row of W·A + b: row[j] = (Σ_k weights[k]·inputs[k·columns + j]) + bias, the product first as in np.dot(W, A) + b,
    /// then max(0, ·) when <paramref name="rectify"/>. <paramref name="inputs"/> is A (weights.Length, columns) row-major.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AffineRow(ReadOnlySpan<double> weights, ReadOnlySpan<double> inputs, int columns, double bias, Span<double> row, bool rectify)
    {
        if (inputs.Length < weights.Length * columns || row.Length != columns || weights.Length == 0)
        {
            throw new ArgumentException($"{weights.Length} weights over {inputs.Length} inputs into a row of {row.Length} (columns {columns})");
        }

        ref var a = ref MemoryMarshal.GetReference(inputs);
        ref var output = ref MemoryMarshal.GetReference(row);
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var biasVector = new Vector<double>(bias);
            for (; j <= columns - Vector<double>.Count; j += Vector<double>.Count)
            {
                var acc = new Vector<double>(weights[0]) * Vector.LoadUnsafe(ref a, (nuint)j);
                for (var k = 1; k < weights.Length; k++)
                {
                    acc = Vector.FusedMultiplyAdd(new Vector<double>(weights[k]), Vector.LoadUnsafe(ref a, (nuint)(k * columns + j)), acc);
                }

                acc += biasVector;
                (rectify ? Vector.Max(acc, Vector<double>.Zero) : acc).StoreUnsafe(ref output, (nuint)j);
            }
        }

        for (; j < columns; j++)
        {
            var acc = weights[0] * inputs[j];
            for (var k = 1; k < weights.Length; k++)
            {
                acc = Math.FusedMultiplyAdd(weights[k], inputs[k * columns + j], acc);
            }

            acc += bias;
            row[j] = rectify ? Math.Max(0, acc) : acc;
        }
    }

    /// <summary>Σ x·y, fused multiply-add in two interleaved accumulators (a BLAS-style dot product).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        RequireSameLength(x, y);
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        var i = 0;
        var sum = 0.0;
        var width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && x.Length >= 2 * width)
        {
            var even = Vector<double>.Zero;
            var odd = Vector<double>.Zero;
            for (; i <= x.Length - 2 * width; i += 2 * width)
            {
                even = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref xs, (nuint)i), Vector.LoadUnsafe(ref ys, (nuint)i), even);
                odd = Vector.FusedMultiplyAdd(
                    Vector.LoadUnsafe(ref xs, (nuint)(i + width)), Vector.LoadUnsafe(ref ys, (nuint)(i + width)), odd);
            }

            sum = Vector.Sum(even + odd);
        }

        for (; i < x.Length; i++)
        {
            sum = Math.FusedMultiplyAdd(x[i], y[i], sum);
        }

        return sum;
    }

    /// <summary>Σ x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Sum(ReadOnlySpan<double> x)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                acc += new Vector<double>(x[i..]);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < x.Length; i++)
        {
            sum += x[i];
        }

        return sum;
    }

    /// <summary>x = 1/(1+e^(-x)) in place, numpy's expression for σ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sigmoid(Span<double> x)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = 1 / (1 + Math.Exp(-x[i]));
        }
    }

    /// <summary>x = (x·mask)/divisor in place (dropout: masks are 0/1, the division is numpy's <c>/ keep_prob</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaskAndDivide(ReadOnlySpan<double> mask, double divisor, Span<double> x)
    {
        RequireSameLength(mask, x);
        ref var m = ref MemoryMarshal.GetReference(mask);
        ref var values = ref MemoryMarshal.GetReference(x);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var d = new Vector<double>(divisor);
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                (Vector.LoadUnsafe(ref values, (nuint)i) * Vector.LoadUnsafe(ref m, (nuint)i) / d).StoreUnsafe(ref values, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            x[i] = x[i] * mask[i] / divisor;
        }
    }

    /// <summary>destination = gradient where reference &gt; 0, else 0 (the relu derivative applied to an upstream gradient).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void KeepWherePositive(ReadOnlySpan<double> reference, ReadOnlySpan<double> gradient, Span<double> destination)
    {
        RequireSameLength(reference, gradient);
        RequireSameLength(reference, destination);
        ref var r = ref MemoryMarshal.GetReference(reference);
        ref var g = ref MemoryMarshal.GetReference(gradient);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= reference.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var positive = Vector.GreaterThan(Vector.LoadUnsafe(ref r, (nuint)i), Vector<double>.Zero);
                Vector.ConditionalSelect(positive, Vector.LoadUnsafe(ref g, (nuint)i), Vector<double>.Zero).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < reference.Length; i++)
        {
            destination[i] = reference[i] > 0 ? gradient[i] : 0;
        }
    }

    private static void RequireSameLength(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"length mismatch: {a.Length} vs {b.Length}");
        }
    }
}
