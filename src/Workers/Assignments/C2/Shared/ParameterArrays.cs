using System.Numerics;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2.Shared;

/// <summary>
/// A <see cref="ParameterSet"/>'s W_l and b_l as flat row-major arrays of the training's element type (the <c>dtype</c>
/// option): what <see cref="ReluSigmoidNetwork{T}"/> and <see cref="Optimizers"/> work on. <see cref="ParameterSet"/> stays
/// the float64 boundary (initialisers, checkpoints, artifacts, the notebooks' test values); a training converts in once and
/// out at the points that read its parameters.
/// </summary>
public sealed class ParameterArrays<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly (int Rows, int Columns)[] shapes;

    internal ParameterArrays(T[][] weights, T[][] biases, (int, int)[] shapes)
    {
        W = weights;
        B = biases;
        this.shapes = shapes;
    }

    /// <summary>W_l at index l-1, (n_l, n_{l-1}) row-major.</summary>
    public T[][] W { get; }

    /// <summary>b_l at index l-1, n_l values.</summary>
    public T[][] B { get; }

    public int LayerCount => W.Length;

    /// <summary>A converted copy of <paramref name="parameters"/> (float64 values rounded to T; a float32 one widens back exactly).</summary>
    public static ParameterArrays<T> From(ParameterSet parameters) => new(
        [.. parameters.W.Select(w => Dtypes.Narrow<T>(w.Data))], [.. parameters.B.Select(b => Dtypes.Narrow<T>(b.Data))], Shapes(parameters));

    /// <summary>Zeros with each matrix's own shape (the optimiser state v and s, the gradients).</summary>
    public ParameterArrays<T> ZerosLike() => new([.. W.Select(w => new T[w.Length])], [.. B.Select(b => new T[b.Length])], shapes);

    /// <summary>The values as a float64 <see cref="ParameterSet"/> (exact: float32 widens without rounding).</summary>
    public ParameterSet ToParameterSet() => new(
        [.. W.Select((w, l) => new Matrix(shapes[l].Rows, shapes[l].Columns, Dtypes.Widen<T>(w)))],
        [.. B.Select(b => new Matrix(b.Length, 1, Dtypes.Widen<T>(b)))]);

    internal static (int, int)[] Shapes(ParameterSet parameters) => [.. parameters.W.Select(w => (w.Rows, w.Columns))];
}

public static class ParameterArrays
{
    /// <summary>
    /// The set's own float64 arrays seen as <see cref="ParameterArrays{T}"/> (no copy): the notebooks' functions on their
    /// float64 dictionaries, as the unit tests call them.
    /// </summary>
    public static ParameterArrays<double> AsArrays(this ParameterSet parameters) =>
        new([.. parameters.W.Select(w => w.Data)], [.. parameters.B.Select(b => b.Data)], ParameterArrays<double>.Shapes(parameters));
}
