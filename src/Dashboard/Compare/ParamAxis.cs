using System.Globalization;
using Platform.Dashboard.Formatting;

namespace Platform.Dashboard.Compare;

public enum AxisKind
{
    Linear,

    /// <summary>Positive numbers spanning two decades or more (learning rates, regularisation strengths).</summary>
    Log,

    /// <summary>Anything that is not a number everywhere (optimizers, layer lists), in sorted order.</summary>
    Categorical,
}

/// <summary>
/// One axis of the compare view's parallel coordinates and scatter plot: maps a run's value of a parameter or metric (as the API
/// gives it, a string) to a position from 0 (bottom/left) to 1, and says where its ticks go.
/// </summary>
public sealed class ParamAxis
{
    private const double LogSpan = 100;

    private ParamAxis(string name, AxisKind kind, double min, double max, IReadOnlyList<string> categories)
    {
        Name = name;
        Kind = kind;
        Min = min;
        Max = max;
        Categories = categories;
    }

    public string Name { get; }

    public AxisKind Kind { get; }

    public double Min { get; }

    public double Max { get; }

    public IReadOnlyList<string> Categories { get; }

    /// <summary>The axis that fits these values; missing values (null, "") are ignored, as are non-finite numbers on a numeric axis.</summary>
    public static ParamAxis For(string name, IEnumerable<string?> values)
    {
        var present = values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray();
        var numbers = present.Select(Parse).ToArray();
        if (present.Length == 0 || numbers.Any(n => n is null))
        {
            return new ParamAxis(name, AxisKind.Categorical, 0, 0, present.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
        }

        var finite = numbers.Select(n => n!.Value).Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return new ParamAxis(name, AxisKind.Linear, 0, 1, []);
        }

        var (min, max) = (finite.Min(), finite.Max());
        var kind = min > 0 && max / min >= LogSpan ? AxisKind.Log : AxisKind.Linear;
        return new ParamAxis(name, kind, min, max, []);
    }

    /// <summary>0..1 along the axis; null for a missing value or one the axis cannot place. A single value sits in the middle.</summary>
    public double? Position(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (Kind == AxisKind.Categorical)
        {
            var index = Categories.ToList().IndexOf(value);
            return index < 0 ? null : Categories.Count == 1 ? 0.5 : index / (double)(Categories.Count - 1);
        }

        if (Parse(value) is not { } x || !double.IsFinite(x) || (Kind == AxisKind.Log && x <= 0))
        {
            return null;
        }

        if (Max == Min)
        {
            return 0.5;
        }

        return Kind == AxisKind.Log
            ? (Math.Log10(x) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
            : (x - Min) / (Max - Min);
    }

    /// <summary>Labelled positions: every category, or the ends and a middle (the geometric middle on a log axis).</summary>
    public IReadOnlyList<(double Position, string Label)> Ticks()
    {
        if (Kind == AxisKind.Categorical)
        {
            return Categories.Select(c => (Position(c)!.Value, c)).ToArray();
        }

        if (Max == Min)
        {
            return [(0.5, DisplayFormat.Number(Min))];
        }

        var middle = Kind == AxisKind.Log ? Math.Sqrt(Min * Max) : (Min + Max) / 2;
        return [(0, DisplayFormat.Number(Min)), (0.5, DisplayFormat.Number(middle)), (1, DisplayFormat.Number(Max))];
    }

    private static double? Parse(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : value switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => null,
        };
}
