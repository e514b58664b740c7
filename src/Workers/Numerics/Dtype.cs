using System.Numerics;
using System.Numerics.Tensors;
using TorchSharp;

namespace Platform.Workers.Numerics;

/// <summary>
/// The floating-point type a numpy-era job computes in (the <c>dtype</c> hyperparameter): float64 by default, as the
/// notebooks do and as their EXACT numbers need; float32 as an option (half the memory traffic, looser numbers).
/// </summary>
public enum Dtype
{
    Float64,
    Float32,
}

public static class Dtypes
{
    /// <summary>"float64" or "float32", the hyperparameter's values (the catalog refuses any other before the run).</summary>
    public static Dtype Parse(string name) => name switch
    {
        "float64" => Dtype.Float64,
        "float32" => Dtype.Float32,
        _ => throw new ArgumentException($"dtype must be float64 or float32, got '{name}'", nameof(name)),
    };

    public static torch.ScalarType ScalarType(this Dtype dtype) =>
        dtype == Dtype.Float32 ? torch.ScalarType.Float32 : torch.ScalarType.Float64;

    /// <summary>float64 values in T (rounded to nearest for float32): a plain-array training's data and parameters going in.</summary>
    public static T[] Narrow<T>(ReadOnlySpan<double> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new T[values.Length];
        TensorPrimitives.ConvertChecked(values, result);
        return result;
    }

    /// <summary>T values as float64 (exact: float32 widens without rounding): a training's results coming out.</summary>
    public static double[] Widen<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        TensorPrimitives.ConvertChecked(values, result);
        return result;
    }
}
