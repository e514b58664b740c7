using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2.Shared;

/// <summary>
/// W_l (n_l, n_{l-1}) and b_l (n_l, 1) for l = 1..L of a fully connected network, stored at index l-1. The same shape holds
/// gradients (dW, db) and optimiser state (v, s), as the notebooks' dictionaries do.
/// </summary>
public sealed class ParameterSet
{
    public ParameterSet(Matrix[] weights, Matrix[] biases)
    {
        if (weights.Length != biases.Length || weights.Length == 0)
        {
            throw new ArgumentException($"{weights.Length} weight matrices and {biases.Length} bias vectors");
        }

        W = weights;
        B = biases;
    }

    public Matrix[] W { get; }

    public Matrix[] B { get; }

    public int LayerCount => W.Length;

    /// <summary>[n_0, n_1, …, n_L].</summary>
    public int[] LayerDims => [W[0].Columns, .. W.Select(w => w.Rows)];

    /// <summary>All zeros with the given layer sizes (the zeros initialiser, and v = s = 0 for the optimisers).</summary>
    public static ParameterSet Zeros(IReadOnlyList<int> layerDims) => new(
        Enumerable.Range(1, layerDims.Count - 1).Select(l => Matrix.Zeros(layerDims[l], layerDims[l - 1])).ToArray(),
        Enumerable.Range(1, layerDims.Count - 1).Select(l => Matrix.Zeros(layerDims[l], 1)).ToArray());

    /// <summary>
    /// The §0.6 init loop: for l = 1..L, W_l = scale(randn(n_l, n_{l-1}), n_{l-1}) and b_l = 0 (no draws). The scale is a
    /// function of the drawn value so each notebook's exact expression is kept (·10, ·sqrt(2/n), /sqrt(n)).
    /// </summary>
    public static ParameterSet RandomNormal(IReadOnlyList<int> layerDims, NumpyRandom random, Func<double, int, double> scale)
    {
        var result = Zeros(layerDims);
        for (var l = 1; l < layerDims.Count; l++)
        {
            var draws = random.Randn(layerDims[l], layerDims[l - 1]);
            for (var i = 0; i < draws.Length; i++)
            {
                result.W[l - 1].Data[i] = scale(draws[i], layerDims[l - 1]);
            }
        }

        return result;
    }

    /// <summary>Zeros with each matrix's own shape (the notebooks' optimiser tests pair a (2,3) W1 with a (3,3) W2).</summary>
    public ParameterSet ZerosLike() => new(
        W.Select(w => Matrix.Zeros(w.Rows, w.Columns)).ToArray(), B.Select(b => Matrix.Zeros(b.Rows, b.Columns)).ToArray());

    public ParameterSet Clone() => new(W.Select(w => w.Clone()).ToArray(), B.Select(b => b.Clone()).ToArray());

    /// <summary>W_1, b_1, …, W_L, b_L: the order the notebooks' update loops visit, and the order optimisers walk.</summary>
    public IEnumerable<Matrix> All()
    {
        for (var l = 0; l < LayerCount; l++)
        {
            yield return W[l];
            yield return B[l];
        }
    }
}
