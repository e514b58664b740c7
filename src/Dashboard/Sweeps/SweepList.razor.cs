using Microsoft.AspNetCore.Components;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Dashboard.Formatting;

namespace Platform.Dashboard.Sweeps;

/// <summary>Every sweep, newest first, or those of one experiment (<c>?experiment=ID</c>); live while any of them runs.</summary>
public partial class SweepList
{
    [SupplyParameterFromQuery(Name = "experiment")]
    public string? ExperimentId { get; set; }

    [Inject]
    private PlatformClient Platform { get; set; } = default!;

    private IReadOnlyList<SweepView> Items { get; set; } = [];

    private string? ExperimentName { get; set; }

    protected override string Subject => "Sweeps";

    protected override bool IsLive => Items.Any(s => !SweepStates.IsTerminal(s.State));

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var sweeps = await Platform.ListSweepsAsync(ExperimentId, ct);
        if (ExperimentId is not null && ExperimentName is null)
        {
            try
            {
                ExperimentName = (await Platform.Tracking.GetExperimentAsync(ExperimentId, ct)).Name;
            }
            catch (Exception e) when (ApiErrorText.IsApiFailure(e))
            {
                ExperimentName = null; // the list is still useful without the name
            }
        }

        Items = sweeps.OrderByDescending(s => s.CreatedAt).ToArray();
    }
}
