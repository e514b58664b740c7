using Microsoft.AspNetCore.Components;
using Platform.Contracts.Client;
using Platform.Contracts.Tracking;
using Platform.Dashboard.Components;
using Platform.Dashboard.Formatting;

namespace Platform.Dashboard.Pages;

/// <summary>One run: facts, parameters, tags, latest metrics, and a chart per metric that has a history.</summary>
public partial class RunDetails
{
    [Parameter]
    public string RunId { get; set; } = "";

    [Inject]
    private TrackingClient Tracking { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private Run? Run { get; set; }

    private Experiment? Experiment { get; set; }

    private DateTimeOffset Now { get; set; }

    private IReadOnlyList<KeyValuePair<string, string>> Params { get; set; } = [];

    private IReadOnlyList<KeyValuePair<string, string>> Tags { get; set; } = [];

    private IReadOnlyList<KeyValuePair<string, string>> LatestMetrics { get; set; } = [];

    private IReadOnlyList<KeyValuePair<string, IReadOnlyList<ChartPoint>>> Charts { get; set; } = [];

    protected override string Subject => $"Run '{RunId}'";

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Run = null;
        Experiment = null;
        var run = await Tracking.GetRunAsync(RunId, ct);
        var experiment = TryGetExperimentAsync(run.Info.ExperimentId, ct);
        var keys = run.Data.Metrics.Select(m => m.Key).Distinct().Order(StringComparer.Ordinal).ToArray();
        var histories = await Task.WhenAll(keys.Select(k => Tracking.GetMetricHistoryAsync(run.Info.RunId, k, ct)));

        Experiment = await experiment;
        Params = run.Data.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value)).ToArray();
        // mlflow.* tags are the tracking client's bookkeeping (run name, source, user) and already shown or meaningless here.
        Tags = run.Data.Tags.Where(t => !t.Key.StartsWith("mlflow.", StringComparison.Ordinal))
            .OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => KeyValuePair.Create(t.Key, t.Value)).ToArray();
        LatestMetrics = run.Data.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => KeyValuePair.Create(m.Key, DisplayFormat.Number(m.Value))).ToArray();
        // A chart of one point says nothing the metrics table does not.
        Charts = keys.Zip(histories)
            .Where(h => h.Second.Count > 1)
            .Select(h => KeyValuePair.Create(h.First, (IReadOnlyList<ChartPoint>)h.Second
                .OrderBy(m => m.Step).ThenBy(m => m.Timestamp).Select(m => new ChartPoint(m.Step, m.Value)).ToArray()))
            .ToArray();
        Now = Clock.GetUtcNow();
        Run = run;
    }

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
