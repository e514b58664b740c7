using Platform.Contracts.Tracking;

namespace Platform.Dashboard.Pages;

/// <summary>The shape of the runs table: rows in the server's order, and the union of parameter and metric keys as sorted columns.</summary>
public sealed record RunTable(IReadOnlyList<Run> Runs, IReadOnlyList<string> ParamKeys, IReadOnlyList<string> MetricKeys)
{
    public static RunTable Empty { get; } = new([], [], []);

    /// <summary>Rows keep the order runs/search gave them: sorting is the server's job (order_by), and "Load more" appends.</summary>
    public static RunTable Build(IEnumerable<Run> runs)
    {
        var rows = runs.ToArray();
        return new RunTable(
            rows,
            rows.SelectMany(r => r.Data.Params.Select(p => p.Key)).Distinct().Order(StringComparer.Ordinal).ToArray(),
            rows.SelectMany(r => r.Data.Metrics.Select(m => m.Key)).Distinct().Order(StringComparer.Ordinal).ToArray());
    }
}
