namespace Platform.Dashboard.Components;

/// <summary>The view transforms of a metric chart: pure functions of the points, so the chart component stays markup.</summary>
public static class ChartTransforms
{
    /// <summary>
    /// Exponential moving average with TensorBoard's debiasing (dividing by 1 - weight^n), so the smoothed curve starts at the
    /// first value instead of being dragged towards zero. <paramref name="weight"/> 0 is the raw series; 0.99 is very smooth.
    /// Non-finite points are passed through untouched (the chart counts and skips them) and do not poison the average.
    /// </summary>
    public static IReadOnlyList<ChartPoint> Smooth(IReadOnlyList<ChartPoint> points, double weight)
    {
        if (weight <= 0 || points.Count == 0)
        {
            return points;
        }

        weight = Math.Min(weight, 0.999);
        var result = new ChartPoint[points.Count];
        double last = 0, debias = 1;
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (!double.IsFinite(p.Y))
            {
                result[i] = p;
                continue;
            }

            last = last * weight + (1 - weight) * p.Y;
            debias *= weight;
            result[i] = p with { Y = last / (1 - debias) };
        }

        return result;
    }

    /// <summary>
    /// The points as log10 of their values, for a log-scale axis. Zero and negative values have no logarithm: they are dropped
    /// and counted, so the chart can say how many it left out.
    /// </summary>
    public static (IReadOnlyList<ChartPoint> Points, int NonPositive) Log10(IReadOnlyList<ChartPoint> points)
    {
        var kept = new List<ChartPoint>(points.Count);
        var dropped = 0;
        foreach (var p in points)
        {
            if (p.Y <= 0)
            {
                dropped++;
                continue;
            }

            // NaN and +Infinity stay as they are: the chart skips and reports non-finite values itself.
            kept.Add(p with { Y = double.IsFinite(p.Y) ? Math.Log10(p.Y) : p.Y });
        }

        return (kept, dropped);
    }
}
