using Platform.Contracts.Tracking;

namespace Platform.Dashboard.Pages;

/// <summary>The shape of the runs table: rows newest first, and the union of parameter and metric keys as sorted columns.</summary>
public sealed record RunTable(IReadOnlyList<Run> Runs, IReadOnlyList<string> ParamKeys, IReadOnlyList<string> MetricKeys)
{
    public static RunTable Empty { get; } = new([], [], []);

    public static RunTable Build(IEnumerable<Run> runs)
    {
        // Sorted here as well as by the server: order_by is optional for MLflow-compatible servers.
        var rows = runs.OrderByDescending(r => r.Info.StartTime).ThenBy(r => r.Info.RunId, StringComparer.Ordinal).ToArray();
        return new RunTable(
            rows,
            rows.SelectMany(r => r.Data.Params.Select(p => p.Key)).Distinct().Order(StringComparer.Ordinal).ToArray(),
            rows.SelectMany(r => r.Data.Metrics.Select(m => m.Key)).Distinct().Order(StringComparer.Ordinal).ToArray());
    }
}
