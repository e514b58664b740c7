using Microsoft.AspNetCore.Components;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Contracts.Tracking;
using Platform.Dashboard.Compare;
using Platform.Dashboard.Formatting;
using Platform.Dashboard.Runs;

namespace Platform.Dashboard.Pages;

/// <summary>
/// The runs of one experiment: search (MLflow filter grammar), status chips, sort on any column and paging, all done by
/// runs/search on the server. The view is in the query string; the selection for the compare view is not (it is a working set).
/// </summary>
public partial class ExperimentRuns
{
    /// <summary>Runs per page of runs/search; "Load more" fetches the next page.</summary>
    internal const int PageSize = 100;

    /// <summary>The chips, in the order users scan them (MLflow's UI order).</summary>
    internal static readonly RunStatus[] StatusChips = [RunStatus.FINISHED, RunStatus.RUNNING, RunStatus.FAILED, RunStatus.KILLED, RunStatus.SCHEDULED];

    [Parameter]
    public string ExperimentId { get; set; } = "";

    [SupplyParameterFromQuery(Name = "filter")]
    public string? FilterText { get; set; }

    [SupplyParameterFromQuery(Name = "status")]
    public string? StatusText { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = "dir")]
    public string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = "hide")]
    public string[]? HiddenColumns { get; set; }

    [Inject]
    private TrackingClient Tracking { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private Experiment? Experiment { get; set; }

    private RunQuery Query { get; set; } = RunQuery.Default;

    private RunTable Table { get; set; } = RunTable.Empty;

    /// <summary>The server's message for a filter or sort it refused; shown under the search box, the page stays usable.</summary>
    private string? QueryError { get; set; }

    private string? NextPageToken { get; set; }

    private bool LoadingMore { get; set; }

    private string SearchText { get; set; } = "";

    /// <summary>
    /// Selected run ids in the order they were picked (the compare view colours runs in that order). The selection survives
    /// a new filter or sort, so runs can be gathered from several searches.
    /// </summary>
    private RunSelection Selected { get; } = new();

    private DateTimeOffset Now { get; set; }

    protected override string Subject => $"Experiment '{ExperimentId}'";

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Query = RunQuery.Parse(FilterText, StatusText, Sort, Direction, HiddenColumns);
        SearchText = Query.Filter ?? "";
        Experiment = null;
        QueryError = null;
        NextPageToken = null;
        Table = RunTable.Empty;
        var experiment = Tracking.GetExperimentAsync(ExperimentId, ct);
        var page = SearchAsync(null, ct);
        Experiment = await experiment;
        var first = await page;
        Table = RunTable.Build(first.Runs ?? []);
        NextPageToken = first.NextPageToken;
        Now = Clock.GetUtcNow();
    }

    private async Task<SearchRunsResponse> SearchAsync(string? pageToken, CancellationToken ct)
    {
        try
        {
            return await Tracking.SearchRunsAsync([ExperimentId], Query.ServerFilter(), PageSize, Query.OrderBy(), pageToken, ct);
        }
        catch (PlatformApiException e) when (e.ErrorCode is ErrorCodes.InvalidParameterValue or ErrorCodes.BadRequest)
        {
            // A mistyped filter is the user's to fix, not a page failure: keep the box and say what the server said.
            QueryError = e.Message;
            return new SearchRunsResponse([], null);
        }
    }

    private async Task LoadMoreAsync()
    {
        LoadingMore = true;
        try
        {
            var page = await SearchAsync(NextPageToken, CancellationToken.None);
            Table = RunTable.Build(Table.Runs.Concat(page.Runs ?? []));
            NextPageToken = page.NextPageToken;
        }
        catch (Exception e) when (ApiErrorText.IsApiFailure(e))
        {
            // An event handler that throws ends the circuit; a failed page load is a message like any other.
            QueryError = ApiErrorText.Describe(e, "More runs");
        }
        finally
        {
            LoadingMore = false;
        }
    }

    private void ApplySearch() => Navigation.NavigateTo(Query.WithFilter(SearchText).ToUrl(ExperimentId));

    private IReadOnlyList<string> ShownParams => Table.ParamKeys.Where(k => !Query.IsHidden("params." + k)).ToArray();

    private IReadOnlyList<string> ShownMetrics => Table.MetricKeys.Where(k => !Query.IsHidden("metrics." + k)).ToArray();

    private string SortUrl(string key) => Query.SortedBy(key).ToUrl(ExperimentId);

    /// <summary>The arrow of the sorted column; aria-sort for screen readers comes from the same state.</summary>
    private string SortMark(string key) => key == Query.EffectiveSortKey ? (Query.Descending ? " ▼" : " ▲") : "";

    private string AriaSort(string key) => key == Query.EffectiveSortKey ? (Query.Descending ? "descending" : "ascending") : "none";

    /// <summary>A divider before the first column of the parameter and metric groups.</summary>
    private static string GroupStart(string key, IReadOnlyList<string> group) => key == group[0] ? "group-start" : "";
}
