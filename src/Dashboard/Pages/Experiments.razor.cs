using Microsoft.AspNetCore.Components;
using Platform.Contracts.Client;
using Platform.Contracts.Tracking;

namespace Platform.Dashboard.Pages;

/// <summary>The home page: every active experiment, most recently updated first.</summary>
public partial class Experiments
{
    [Inject]
    private TrackingClient Tracking { get; set; } = default!;

    private IReadOnlyList<Experiment> Items { get; set; } = [];

    protected override string Subject => "Experiments";

    // No run counts: MLflow has no count endpoint, and a runs/search per experiment would make the home page O(experiments) calls.
    protected override async Task LoadAsync(CancellationToken ct) =>
        Items = (await Tracking.SearchExperimentsAsync(ct: ct))
            .Where(e => e.LifecycleStage != "deleted")
            .OrderByDescending(e => e.LastUpdateTime)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToArray();
}
