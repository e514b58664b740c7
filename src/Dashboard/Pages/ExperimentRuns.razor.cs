using Microsoft.AspNetCore.Components;
using Platform.Contracts.Client;
using Platform.Contracts.Tracking;

namespace Platform.Dashboard.Pages;

/// <summary>The runs of one experiment, newest first, with a column per parameter and per metric.</summary>
public partial class ExperimentRuns
{
    /// <summary>Pages of runs/search to follow; the page is a browser table, not an export.</summary>
    internal const int MaxPages = 5;

    [Parameter]
    public string ExperimentId { get; set; } = "";

    [Inject]
    private TrackingClient Tracking { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private Experiment? Experiment { get; set; }

    private RunTable Table { get; set; } = RunTable.Empty;

    private bool Truncated { get; set; }

    private DateTimeOffset Now { get; set; }

    protected override string Subject => $"Experiment '{ExperimentId}'";

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Experiment = null;
        var experiment = Tracking.GetExperimentAsync(ExperimentId, ct);
        var runs = SearchAllAsync(ct);
        Experiment = await experiment;
        Table = RunTable.Build(await runs);
        Now = Clock.GetUtcNow();
    }

    /// <summary>A divider before the first column of the parameter and metric groups.</summary>
    private static string GroupStart(string key, IReadOnlyList<string> group) => key == group[0] ? "group-start" : "";

    private async Task<List<Run>> SearchAllAsync(CancellationToken ct)
    {
        var runs = new List<Run>();
        string? token = null;
        Truncated = false;
        for (var page = 0; page < MaxPages; page++)
        {
            var response = await Tracking.SearchRunsAsync([ExperimentId], orderBy: ["attributes.start_time DESC"], pageToken: token, ct: ct);
            runs.AddRange(response.Runs ?? []);
            token = response.NextPageToken;
            if (string.IsNullOrEmpty(token))
            {
                return runs;
            }
        }

        Truncated = true;
        return runs;
    }
}
