using Microsoft.AspNetCore.Components;
using Platform.Contracts.Client;
using Platform.Contracts.Tracking;
using Platform.Dashboard.Components;
using Platform.Dashboard.Pages;

namespace Platform.Dashboard.Compare;

/// <summary>Selected runs side by side: one overlaid chart per metric, and their parameters and metrics in one table.</summary>
public partial class CompareRuns
{
    /// <summary>Points per curve: many runs share a chart, so each gets fewer than on the run page.</summary>
    internal const int MaxPointsPerRun = 500;

    /// <summary>Points per chart, all curves together: with many runs each curve gets fewer, so the SVG sent down the circuit stays
    /// small (100 runs get 200 points each, still more than the chart's width in pixels can show apart).</summary>
    internal const int MaxPointsPerChart = 20_000;

    internal static int PointsPerRun(int runs) => Math.Clamp(MaxPointsPerChart / Math.Max(runs, 1), 100, MaxPointsPerRun);

    /// <summary>Beyond this the page would be a wall of colours, and the palette repeats after <see cref="LineChart.Palette"/>.</summary>
    internal const int MaxRuns = 100;

    [SupplyParameterFromQuery(Name = "runs")]
    public string? RunIds { get; set; }

    [Inject]
    private PlatformClient Platform { get; set; } = default!;

    private IReadOnlyList<Run> Runs { get; set; } = [];

    private IReadOnlyList<(string Key, IReadOnlyList<ChartSeries> Series)> Charts { get; set; } = [];

    private IReadOnlyList<CompareRow> AllRows { get; set; } = [];

    private IReadOnlyList<string> Missing { get; set; } = [];

    protected override string Subject => "Runs to compare";

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var ids = (RunIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).Take(MaxRuns).ToArray();
        Runs = [];
        Missing = [];
        // One request for the runs and all their histories; every run is a series of every chart (empty where it lacks the
        // metric), so a run keeps its colour across charts.
        IReadOnlyList<RunHistories> found = ids.Length == 0 ? [] : await Platform.SearchHistoriesAsync(new HistorySearch(ids, MaxPoints: PointsPerRun(ids.Length)), ct);
        var byId = found.ToDictionary(f => f.Run.Info.RunId, f => f);
        var runs = ids.Where(byId.ContainsKey).Select(id => byId[id].Run).ToArray();
        // A deleted run in a shared link should not hide the others: they are compared, and the page says what is missing.
        Missing = ids.Where(id => !byId.ContainsKey(id)).ToArray();
        var keys = runs.SelectMany(r => r.Data.Metrics.Select(m => m.Key)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var series = found.ToDictionary(f => f.Run.Info.RunId, f => f.Histories.ToDictionary(h => h.Key, h => h.Metrics));
        var charts = keys.Select(key => (key, (IReadOnlyList<ChartSeries>)runs.Select(run => new ChartSeries(RunNames.Of(run),
            series[run.Info.RunId].GetValueOrDefault(key) is { } metrics ? MetricPoints.Of(metrics) : [])).ToArray())).ToArray();

        // A metric logged once per run (a final accuracy) is a dot per run: the table below says it better than a chart.
        Charts = charts.Where(c => c.Item2.Any(s => s.Points.Count > 1)).ToArray();
        AllRows = CompareTable.Build(runs);
        Runs = runs;
    }
}
