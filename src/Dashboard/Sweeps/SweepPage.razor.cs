using Microsoft.AspNetCore.Components;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Contracts.Tracking;
using Platform.Dashboard.Compare;
using Platform.Dashboard.Components;
using Platform.Dashboard.Formatting;

namespace Platform.Dashboard.Sweeps;

/// <summary>
/// One sweep, live: state and trial counts, best trial so far, the sweep metric of every trial on one chart, ASHA rungs, the trials,
/// the file, and pause / resume / cancel behind a confirmation. Everything comes from <c>GET sweeps/{id}/details</c>.
/// </summary>
public partial class SweepPage
{
    /// <summary>Points per trial on the shared chart.</summary>
    internal const int MaxPointsPerTrial = 200;

    [Parameter]
    public string SweepId { get; set; } = "";

    [Inject]
    private PlatformClient Platform { get; set; } = default!;

    private SweepDetails? Details { get; set; }

    private string? ExperimentName { get; set; }

    private IReadOnlyList<ChartSeries> Series { get; set; } = [];

    private IReadOnlyDictionary<string, string> TrialNames { get; set; } = new Dictionary<string, string>();

    private SweepAction? Pending { get; set; }

    private bool Busy { get; set; }

    private string? ActionError { get; set; }

    private RunSelection Selected { get; } = new();

    private string Title => Details?.Name ?? $"Sweep {(SweepId.Length > 8 ? SweepId[..8] : SweepId)}";

    protected override string Subject => $"Sweep '{SweepId}'";

    protected override bool IsLive => Details is { } d && !SweepStates.IsTerminal(d.Sweep.State);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var details = await Platform.GetSweepDetailsAsync(SweepId, MaxPointsPerTrial, ct);
        if (ExperimentName is null || Details?.Sweep.ExperimentId != details.Sweep.ExperimentId)
        {
            ExperimentName = await TryGetExperimentNameAsync(details.Sweep.ExperimentId, ct);
        }

        TrialNames = details.Trials.ToDictionary(t => t.RunId, TrialName);
        // Every trial is a series, even before it logs, so a trial keeps its colour from the first refresh to the last.
        Series = details.Trials.Select(t => new ChartSeries(TrialName(t), MetricPoints.Of(t.History))).ToArray();
        Details = details;
    }

    internal static string TrialName(SweepTrialView trial) => trial.RunName ?? $"trial {trial.Index + 1}";

    private SweepTrialView? TrialOf(string runId) => Details?.Trials.FirstOrDefault(t => t.RunId == runId);

    private void Ask(SweepAction action)
    {
        ActionError = null;
        Pending = action;
    }

    private async Task ConfirmAsync()
    {
        if (Pending is not { } action)
        {
            return;
        }

        Busy = true;
        try
        {
            await action.Send(Platform, SweepId);
            Pending = null;
            await LoadAsync(Disposed);
        }
        catch (Exception e) when (ApiErrorText.IsApiFailure(e))
        {
            // Refused (the sweep ended meanwhile, say): the server's reason, and the page shows the state as it is now.
            ActionError = e is PlatformApiException api ? $"Could not {action.Verb} the sweep: {api.Message}" : ApiErrorText.Describe(e, "The sweep");
            Pending = null;
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task<string?> TryGetExperimentNameAsync(string experimentId, CancellationToken ct)
    {
        try
        {
            return (await Platform.Tracking.GetExperimentAsync(experimentId, ct)).Name;
        }
        catch (Exception e) when (ApiErrorText.IsApiFailure(e))
        {
            return null;
        }
    }
}
