using Microsoft.AspNetCore.Components;
using Platform.Contracts.Client;
using Platform.Contracts.Tracking;
using Platform.Dashboard.Components;
using Platform.Dashboard.Formatting;

namespace Platform.Dashboard.Pages;

/// <summary>One run: facts; on the Overview tab parameters, tags, metric summaries, a chart per metric that has a history and its
/// artifacts; on the Logs tab its log (<see cref="Logs.RunLogs"/>), live while it runs.</summary>
public partial class RunDetails
{
    /// <summary>Points per chart; the server downsamples (LTTB) so a 1M-step history costs the page what a short one does.</summary>
    internal const int MaxChartPoints = 1000;

    [Parameter]
    public string RunId { get; set; } = "";

    /// <summary><c>?tab=logs</c> opens the Logs tab, so a link can point at a run's log.</summary>
    [SupplyParameterFromQuery(Name = "tab")]
    public string? InitialTab { get; set; }

    [Inject]
    private PlatformClient Platform { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private TrackingClient Tracking => Platform.Tracking;

    private Run? Run { get; set; }

    private bool ShowLogs { get; set; }

    private Experiment? Experiment { get; set; }

    private DateTimeOffset Now { get; set; }

    private IReadOnlyList<KeyValuePair<string, string>> Params { get; set; } = [];

    private IReadOnlyList<KeyValuePair<string, string>> Tags { get; set; } = [];

    private IReadOnlyList<MetricSummary> Summaries { get; set; } = [];

    private IReadOnlyList<(string Key, IReadOnlyList<ChartPoint> Points, IReadOnlyList<ChartPoint> ByWallTime, string? Caption)> Charts { get; set; } = [];

    protected override string Subject => $"Run '{RunId}'";

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Run = null;
        Experiment = null;
        ShowLogs = string.Equals(InitialTab, "logs", StringComparison.OrdinalIgnoreCase);
        var run = await Tracking.GetRunAsync(RunId, ct);
        var experiment = TryGetExperimentAsync(run.Info.ExperimentId, ct);
        var summaries = (await Platform.GetMetricSummariesAsync(run.Info.RunId, ct)).OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
        // A chart of one point says nothing the metrics table does not.
        var charted = summaries.Where(s => s.Count > 1).Select(s => s.Key).ToArray();
        var histories = await Task.WhenAll(charted.Select(k => Platform.GetDownsampledHistoryAsync(run.Info.RunId, k, MaxChartPoints, ct)));

        Experiment = await experiment;
        Params = run.Data.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value)).ToArray();
        // mlflow.* tags are the tracking client's bookkeeping (run name, source, user) and already shown or meaningless here.
        Tags = run.Data.Tags.Where(t => !t.Key.StartsWith("mlflow.", StringComparison.Ordinal))
            .OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => KeyValuePair.Create(t.Key, t.Value)).ToArray();
        Summaries = summaries;
        // Wall time from the run's start (or, without one, its first point): where a run waited or slowed down shows.
        var origin = run.Info.StartTime > 0 ? run.Info.StartTime : histories.SelectMany(h => h.Metrics).Select(m => m.Timestamp).DefaultIfEmpty().Min();
        Charts = histories.Select(h => (h.Key, MetricPoints.Of(h.Metrics), MetricPoints.ByWallTime(h.Metrics, origin), Caption(h))).ToArray();
        Now = Clock.GetUtcNow();
        Run = run;
    }

    private static string? Caption(DownsampledHistory h) =>
        h.Metrics.Count < h.TotalPoints ? $"{h.Metrics.Count:N0} of {h.TotalPoints:N0} points shown (downsampled on the server)." : null;

    /// <summary>The experiment only supplies a name for the breadcrumb; the run page stays useful if that lookup fails.</summary>
    private async Task<Experiment?> TryGetExperimentAsync(string experimentId, CancellationToken ct)
    {
        try
        {
            return await Tracking.GetExperimentAsync(experimentId, ct);
        }
        catch (Exception e) when (ApiErrorText.IsApiFailure(e))
        {
            return null;
        }
    }
}
