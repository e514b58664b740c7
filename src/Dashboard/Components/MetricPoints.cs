using Platform.Contracts.Tracking;

namespace Platform.Dashboard.Components;

public static class MetricPoints
{
    /// <summary>A metric history as chart points (x = step), in step order; the server already sends them so, this makes it certain.</summary>
    public static IReadOnlyList<ChartPoint> Of(IEnumerable<Metric> history) =>
        history.OrderBy(m => m.Step).ThenBy(m => m.Timestamp).Select(m => new ChartPoint(m.Step, m.Value)).ToArray();

    /// <summary>A metric history by wall time: x = seconds since <paramref name="origin"/> (Unix milliseconds, the run's start), in time order.</summary>
    public static IReadOnlyList<ChartPoint> ByWallTime(IEnumerable<Metric> history, long origin) =>
        history.OrderBy(m => m.Timestamp).ThenBy(m => m.Step).Select(m => new ChartPoint((m.Timestamp - origin) / 1000.0, m.Value)).ToArray();
}
