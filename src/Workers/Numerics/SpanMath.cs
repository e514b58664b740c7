using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Platform.Workers.Numerics;

/// <summary>
/// SIMD kernels over contiguous float64 or float32 rows (the <c>dtype</c> option), for the tiny-network CPU paths: one call per matrix row instead of one
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
    public static void AffineRow<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> inputs, int columns, T bias, Span<T> row, bool rectify)
        where T : unmanaged, IFloatingPointIeee754<T>
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
            var biasVector = new Vector<T>(bias);
            for (; j <= columns - Vector<T>.Count; j += Vector<T>.Count)
            {
                var acc = new Vector<T>(weights[0]) * Vector.LoadUnsafe(ref a, (nuint)j);
                for (var k = 1; k < weights.Length; k++)
                {
                    acc = FusedMultiplyAdd(new Vector<T>(weights[k]), Vector.LoadUnsafe(ref a, (nuint)(k * columns + j)), acc);
                }

                acc += biasVector;
                (rectify ? Vector.Max(acc, Vector<T>.Zero) : acc).StoreUnsafe(ref output, (nuint)j);
            }
        }

        for (; j < columns; j++)
        {
            var acc = weights[0] * inputs[j];
            for (var k = 1; k < weights.Length; k++)
            {
                acc = T.FusedMultiplyAdd(weights[k], inputs[k * columns + j], acc);
            }

            acc += bias;
            row[j] = rectify ? T.Max(T.Zero, acc) : acc;
        }
    }

    /// <summary>Σ x·y, fused multiply-add in two interleaved accumulators (a BLAS-style dot product).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameLength(x, y);
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        var i = 0;
        var sum = T.Zero;
        var width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && x.Length >= 2 * width)
        {
            var even = Vector<T>.Zero;
            var odd = Vector<T>.Zero;
            for (; i <= x.Length - 2 * width; i += 2 * width)
            {
                even = FusedMultiplyAdd(Vector.LoadUnsafe(ref xs, (nuint)i), Vector.LoadUnsafe(ref ys, (nuint)i), even);
                odd = FusedMultiplyAdd(Vector.LoadUnsafe(ref xs, (nuint)(i + width)), Vector.LoadUnsafe(ref ys, (nuint)(i + width)), odd);
            }

            sum = Vector.Sum(even + odd);
        }

        for (; i < x.Length; i++)
        {
            sum = T.FusedMultiplyAdd(x[i], y[i], sum);
        }

        return sum;
    }

    /// <summary>Σ x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Sum<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var xs = ref MemoryMarshal.GetReference(x);
        var i = 0;
        var sum = T.Zero;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            var acc = Vector<T>.Zero;
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                acc += Vector.LoadUnsafe(ref xs, (nuint)i);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < x.Length; i++)
        {
            sum += x[i];
        }

        return sum;
    }

    /// <summary>destination = x - y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameLength(x, y);
        RequireSameLength(x, destination);
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                (Vector.LoadUnsafe(ref xs, (nuint)i) - Vector.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            destination[i] = x[i] - y[i];
        }
    }

    /// <summary>gradient = gradient·(1 - a·a) in place: numpy's <c>dA * (1 - np.power(A, 2))</c>, the tanh derivative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyByOneMinusSquare<T>(ReadOnlySpan<T> a, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameLength(a, gradient);
        ref var xs = ref MemoryMarshal.GetReference(a);
        ref var g = ref MemoryMarshal.GetReference(gradient);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= a.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var values = Vector.LoadUnsafe(ref xs, (nuint)i);
                (Vector.LoadUnsafe(ref g, (nuint)i) * (Vector<T>.One - values * values)).StoreUnsafe(ref g, (nuint)i);
            }
        }

        for (; i < a.Length; i++)
        {
            gradient[i] *= T.One - a[i] * a[i];
        }
    }

    /// <summary>parameters = parameters - rate·gradient, two roundings as numpy's <c>W - learning_rate * dW</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SubtractScaled<T>(ReadOnlySpan<T> gradient, T rate, Span<T> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameLength(gradient, parameters);
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] -= rate * gradient[i];
        }
    }

    /// <summary>x = 1/(1+e^(-x)) in place, numpy's expression for σ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sigmoid<T>(Span<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = T.One / (T.One + T.Exp(-x[i]));
        }
    }

    /// <summary>x = (x·mask)/divisor in place (dropout: masks are 0/1, the division is numpy's <c>/ keep_prob</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaskAndDivide<T>(ReadOnlySpan<T> mask, T divisor, Span<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameLength(mask, x);
        ref var m = ref MemoryMarshal.GetReference(mask);
        ref var values = ref MemoryMarshal.GetReference(x);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var d = new Vector<T>(divisor);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
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
    public static void KeepWherePositive<T>(ReadOnlySpan<T> reference, ReadOnlySpan<T> gradient, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameLength(reference, gradient);
        RequireSameLength(reference, destination);
        ref var r = ref MemoryMarshal.GetReference(reference);
        ref var g = ref MemoryMarshal.GetReference(gradient);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= reference.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var positive = Vector.GreaterThan(Vector.LoadUnsafe(ref r, (nuint)i), Vector<T>.Zero);
                Vector.ConditionalSelect(positive, Vector.LoadUnsafe(ref g, (nuint)i), Vector<T>.Zero).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < reference.Length; i++)
        {
            destination[i] = reference[i] > T.Zero ? gradient[i] : T.Zero;
        }
    }

    private static void RequireSameLength<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"length mismatch: {a.Length} vs {b.Length}");
        }
    }

    /// <summary>a·b + c in one rounding, for the float and double vectors (the JIT drops the other branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> FusedMultiplyAdd<T>(Vector<T> a, Vector<T> b, Vector<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        }

        throw new NotSupportedException($"{typeof(T)} vectors");
    }
}
