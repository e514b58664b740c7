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
}
