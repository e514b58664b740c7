using System.Globalization;
using Platform.Workers.Numerics;

namespace Platform.Workers.Tests.Support;

/// <summary>Comparisons against the notebook's numbers: a relative tolerance, or the precision the number was printed with if coarser.</summary>
public static class Expect
{
    /// <summary>|actual - expected| ≤ max(relative·|expected|, half a unit in the last printed decimal of <paramref name="expected"/>).</summary>
    public static void Printed(double expected, double actual, double relative = 1e-7, string? what = null)
    {
        var tolerance = PrintedPrecision.Tolerance(expected, relative);
        Assert.True(Math.Abs(actual - expected) <= tolerance,
            $"{what ?? "value"}: expected {expected.ToString("R", CultureInfo.InvariantCulture)} (±{tolerance:G3}), got {actual.ToString("R", CultureInfo.InvariantCulture)}");
    }

    public static void Printed(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative = 1e-7, string? what = null)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Printed(expected[i], actual[i], relative, $"{what ?? "value"}[{i}]");
        }
    }
}
