using Platform.Contracts.Tracking;

namespace Platform.Dashboard.Components;

public static class MetricPoints
{
    /// <summary>A metric history as chart points (x = step), in step order; the server already sends them so, this makes it certain.</summary>
    public static IReadOnlyList<ChartPoint> Of(IEnumerable<Metric> history) =>
        history.OrderBy(m => m.Step).ThenBy(m => m.Timestamp).Select(m => new ChartPoint(m.Step, m.Value)).ToArray();
}
