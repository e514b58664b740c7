using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Torch;

/// <summary>
/// Tensor arithmetic with scalars that stay alive for the whole native call.
/// </summary>
/// <remarks>
/// TorchSharp 0.107 passes a <see cref="Scalar"/> to libtorch by its handle and frees it in a finalizer. A Scalar made
/// implicitly (<c>t + 1.0</c>, <c>t.mul(0.5)</c>, <c>1.0 - t</c>, and the <c>alpha = 1</c> that <c>add</c> of two tensors
/// creates for itself; <c>sub</c> of two tensors takes no Scalar) is unreachable once its handle is read, so a garbage collection started by another
/// thread while libtorch runs can finalize it mid-call. libtorch then reads freed memory: under parallel test load this
/// surfaced as "Expected false to be true ... toDouble" from <c>add</c> in a 30-second training run. These methods hold
/// every Scalar in a local (disposed after the call) or in a static field, so none can be collected too early.
/// Tensors are safe inside a dispose scope, which holds a reference to each one it tracks.
/// Results are the same as the operators': each method performs the one libtorch operation the operator would.
/// </remarks>
public static class SafeScalarOps
{
    // A static field is a GC root: this Scalar is never finalized.
    private static readonly Scalar One = 1.ToScalar();

    /// <summary>a + b.</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a += b, in place.</summary>
    public static Tensor AddInPlace(this Tensor a, Tensor b) => a.add_(b, One);

    /// <summary>a + s.</summary>
    public static Tensor Plus(this Tensor a, double s)
    {
        using var scalar = s.ToScalar();
        return a.add(scalar, One);
    }

    /// <summary>a += s, in place.</summary>
    public static Tensor AddInPlace(this Tensor a, double s)
    {
        using var scalar = s.ToScalar();
        return a.add_(scalar, One);
    }

    /// <summary>s - a, computed as libtorch's rsub does: (-a) + s, one rounding.</summary>
    public static Tensor SubtractedFrom(this Tensor a, double s)
    {
        using var scalar = s.ToScalar();
        return a.neg().add_(scalar, One);
    }

    /// <summary>a · s.</summary>
    public static Tensor Times(this Tensor a, double s)
    {
        using var scalar = s.ToScalar();
        return a.mul(scalar);
    }

    /// <summary>a ·= s, in place.</summary>
    public static Tensor MulInPlace(this Tensor a, double s)
    {
        using var scalar = s.ToScalar();
        return a.mul_(scalar);
    }

    /// <summary>a / s.</summary>
    public static Tensor DividedBy(this Tensor a, double s)
    {
        using var scalar = s.ToScalar();
        return a.div(scalar);
    }

    /// <summary>a /= s, in place.</summary>
    public static Tensor DivInPlace(this Tensor a, double s)
    {
        using var scalar = s.ToScalar();
        return a.div_(scalar);
    }

    /// <summary>a ** s.</summary>
    public static Tensor Power(this Tensor a, double s)
    {
        using var scalar = s.ToScalar();
        return a.pow(scalar);
    }

    /// <summary>a &gt; s, as a boolean tensor.</summary>
    public static Tensor GreaterThan(this Tensor a, double s)
    {
        using var scalar = s.ToScalar();
        return a.gt(scalar);
    }

    /// <summary>a &lt;= s, as a boolean tensor.</summary>
    public static Tensor LessOrEqual(this Tensor a, double s)
    {
        using var scalar = s.ToScalar();
        return a.le(scalar);
    }

    /// <summary>a with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public static Tensor MaskedFill(this Tensor a, Tensor mask, double value)
    {
        using var scalar = value.ToScalar();
        return a.masked_fill(mask, scalar);
    }
}
