using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2.Shared;

/// <summary>
/// scikit-learn 1.2.1's <c>make_circles</c> and <c>make_moons</c> drawing from numpy's global RandomState after seed(s), as
/// the C2 notebooks call them (spec §6, §9). Outer points (label 0) then inner points (label 1), reordered by
/// permutation(n), plus normal(0, noise) of shape (n, 2) in C order. X is (2, n), Y is (1, n).
/// </summary>
public static class SklearnDatasets
{
    /// <summary>make_circles(n, noise, factor=0.8) after seed(seed): angles i·2π/k without the endpoint.</summary>
    public static (Matrix X, Matrix Y) MakeCircles(int samples, double noise, uint seed, double factor = 0.8)
    {
        var outer = samples / 2;
        var inner = samples - outer;
        var outerAngles = Linspace.Create(0, 2 * Math.PI, outer, endpoint: false);
        var innerAngles = Linspace.Create(0, 2 * Math.PI, inner, endpoint: false);
        var x1 = outerAngles.Select(Math.Cos).Concat(innerAngles.Select(t => Math.Cos(t) * factor)).ToArray();
        var x2 = outerAngles.Select(Math.Sin).Concat(innerAngles.Select(t => Math.Sin(t) * factor)).ToArray();
        return ShuffleAndAddNoise(x1, x2, outer, noise, seed);
    }

    /// <summary>make_moons(n, noise) after seed(seed): t = linspace(0, π) with the endpoint; inner moon (1-cos t, 1-sin t-0.5).</summary>
    public static (Matrix X, Matrix Y) MakeMoons(int samples, double noise, uint seed)
    {
        var outer = samples / 2;
        var inner = samples - outer;
        var outerT = Linspace.Create(0, Math.PI, outer);
        var innerT = Linspace.Create(0, Math.PI, inner);
        var x1 = outerT.Select(Math.Cos).Concat(innerT.Select(t => 1 - Math.Cos(t))).ToArray();
        var x2 = outerT.Select(Math.Sin).Concat(innerT.Select(t => 1 - Math.Sin(t) - 0.5)).ToArray();
        return ShuffleAndAddNoise(x1, x2, outer, noise, seed);
    }

    private static (Matrix X, Matrix Y) ShuffleAndAddNoise(double[] x1, double[] x2, int outerCount, double noise, uint seed)
    {
        var random = new NumpyRandom(seed);
        var n = x1.Length;
        var order = random.Permutation(n);
        var gaussian = random.Normal(0, noise, n, 2);
        var x = new Matrix(2, n);
        var y = new Matrix(1, n);
        for (var j = 0; j < n; j++)
        {
            var source = order[j];
            x[0, j] = x1[source] + gaussian[2 * j];
            x[1, j] = x2[source] + gaussian[2 * j + 1];
            y[0, j] = source < outerCount ? 0 : 1;
        }

        return (x, y);
    }
}
