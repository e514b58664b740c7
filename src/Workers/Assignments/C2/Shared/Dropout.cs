using System.Numerics;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2.Shared;

/// <summary>
/// Dropout masks D_l (0/1, shape (n_l, m)) for the hidden layers l = 1..L-1, with the keep_prob they were drawn for, in the
/// training's element type. <c>forward_propagation_with_dropout</c> calls seed(1) at the start of every forward pass, so the
/// masks are the same every iteration: they are drawn once (spec §7).
/// </summary>
public sealed class Dropout<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public const uint NotebookSeed = 1;

    private Dropout(T[][] masks, T keepProb)
    {
        Masks = masks;
        KeepProb = keepProb;
    }

    /// <summary>Mask of hidden layer l (1-based) at index l-1, row-major (n_l, m).</summary>
    public T[][] Masks { get; }

    public T KeepProb { get; }

    /// <summary>
    /// seed(1); then for each hidden layer D_l = rand(n_l, m) &lt; keep_prob, in layer order. The comparison is numpy's, in
    /// float64, whatever T: a float32 run draws the same masks.
    /// </summary>
    public static Dropout<T> Draw(IReadOnlyList<int> layerDims, int columns, double keepProb)
    {
        if (keepProb is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(keepProb), keepProb, "keep_prob must be in (0, 1]");
        }

        var random = new NumpyRandom(NotebookSeed);
        var masks = new T[layerDims.Count - 2][];
        for (var l = 1; l < layerDims.Count - 1; l++)
        {
            masks[l - 1] = [.. random.Rand(layerDims[l], columns).Select(u => u < keepProb ? T.One : T.Zero)];
        }

        return new Dropout<T>(masks, T.CreateChecked(keepProb));
    }

    /// <summary>The same masks used with another keep_prob (the notebook's backward test reuses a cache drawn at 0.5 with 0.8).</summary>
    public Dropout<T> WithKeepProb(double keepProb) => new(Masks, T.CreateChecked(keepProb));
}
