using System.Globalization;

namespace Platform.Workers.Numerics;

/// <summary>
/// Comparison with a number as a notebook printed it: within a relative tolerance, or within half a unit in the last
/// printed decimal when that is coarser (0.01624345 is only known to 8 decimals).
/// </summary>
public static class PrintedPrecision
{
    public static double Tolerance(double expected, double relative) =>
        Math.Max(relative * Math.Abs(expected), HalfUnitInLastDecimal(expected));

    public static bool Matches(double expected, double actual, double relative) =>
        Math.Abs(actual - expected) <= Tolerance(expected, relative);

    private static double HalfUnitInLastDecimal(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E'))
        {
            return 0;
        }

        var point = text.IndexOf('.');
        var decimals = point < 0 ? 0 : text.Length - point - 1;
        return 0.5 * Math.Pow(10, -decimals);
    }
}
