using Platform.Contracts.Tracking;
using Platform.Dashboard.Formatting;

namespace Platform.Dashboard.Compare;

/// <summary>One row of the compare table: a parameter or a metric, its value in each run ("" when the run lacks it).</summary>
public sealed record CompareRow(string Group, string Key, IReadOnlyList<string> Values)
{
    /// <summary>True when the runs do not all agree, a missing value counting as a value of its own.</summary>
    public bool Differs => Values.Distinct(StringComparer.Ordinal).Skip(1).Any();
}

/// <summary>The params/metrics table of the compare view: every key any run has, its values side by side.</summary>
public static class CompareTable
{
    public const string Params = "Parameters", Metrics = "Metrics (latest)";

    public static IReadOnlyList<CompareRow> Build(IReadOnlyList<Run> runs)
    {
        var paramKeys = runs.SelectMany(r => r.Data.Params.Select(p => p.Key)).Distinct().Order(StringComparer.Ordinal);
        var metricKeys = runs.SelectMany(r => r.Data.Metrics.Select(m => m.Key)).Distinct().Order(StringComparer.Ordinal);
        // Values are compared as displayed: two metrics equal to six significant digits read the same, so they are the same here.
        return paramKeys.Select(k => new CompareRow(Params, k, runs.Select(r => r.Data.Param(k) ?? "").ToArray()))
            .Concat(metricKeys.Select(k => new CompareRow(Metrics, k,
                runs.Select(r => r.Data.LatestMetric(k) is { } v ? DisplayFormat.Number(v) : "").ToArray())))
            .ToArray();
    }

    public static IReadOnlyList<CompareRow> Filter(IReadOnlyList<CompareRow> rows, bool differencesOnly) =>
        differencesOnly ? rows.Where(r => r.Differs).ToArray() : rows;
}
