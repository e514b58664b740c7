namespace Platform.Silo.Sweeps.Tpe;

/// <summary>The Gaussian functions a truncated Parzen estimator needs: its CDF and the log of a truncated density.</summary>
internal static class NormalMath
{
    private static readonly double LogSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);

    // Highest power first, for Horner's rule.
    private static readonly double[] ErfcCoefficients =
        [0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196, 1.00002368, -1.26551223];

    /// <summary>Complementary error function, Chebyshev fit with fractional error below 1.2e-7 (Numerical Recipes, erfcc).</summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.5 * z));
        var poly = 0.0;
        foreach (var c in ErfcCoefficients)
        {
            poly = (poly * t) + c;
        }

        var ans = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? ans : 2.0 - ans;
    }

    /// <summary>P(a &lt;= Z &lt;= b) for a standard normal Z, computed on the side of the tail that keeps precision.</summary>
    public static double Mass(double a, double b)
    {
        var mass = a > 0
            ? 0.5 * (Erfc(a / Math.Sqrt(2)) - Erfc(b / Math.Sqrt(2)))
            : 0.5 * (Erfc(-b / Math.Sqrt(2)) - Erfc(-a / Math.Sqrt(2)));
        return Math.Max(mass, 1e-300);
    }

    /// <summary>log of the density at <paramref name="x"/> of N(mu, sigma) truncated to [low, high].</summary>
    public static double LogTruncatedPdf(double x, double mu, double sigma, double low, double high)
    {
        var z = (x - mu) / sigma;
        return (-0.5 * z * z) - LogSqrtTwoPi - Math.Log(sigma) - Math.Log(Mass((low - mu) / sigma, (high - mu) / sigma));
    }

    public static double LogSumExp(IEnumerable<double> values)
    {
        var list = values as IReadOnlyList<double> ?? values.ToArray();
        var max = list.Max();
        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        return max + Math.Log(list.Sum(v => Math.Exp(v - max)));
    }
}
