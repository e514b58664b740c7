using Microsoft.AspNetCore.Components;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Contracts.Tracking;

namespace Platform.Dashboard.Logs;

/// <summary>
/// A run's log, oldest line first. While the run is active it follows on the server (<see cref="LiveApiPage"/>): each tick asks
/// only for the lines after the last one shown, so a long log costs one small request per second.
/// </summary>
public partial class RunLogs
{
    /// <summary>Lines per request (the API's page cap).</summary>
    internal const int PageSize = RunLogLimits.MaxLinesPerBatch;

    /// <summary>Lines kept on the page; older ones scroll away, as in a terminal.</summary>
    internal const int MaxShown = 5000;

    [Parameter]
    public string RunId { get; set; } = "";

    [Inject]
    private PlatformClient Platform { get; set; } = default!;

    private List<RunLogLine> Lines { get; } = [];

    private long _after;

    private int _dropped;

    private string? _status;

    protected override string Subject => $"The log of run '{RunId}'";

    protected override bool IsLive => _status is { } s && Enum.TryParse<RunStatus>(s, out var status) && !status.IsTerminal();

    private string Summary => Lines.Count == 0 ? "" : _dropped > 0 ? $"last {Lines.Count:N0} of {Lines.Count + _dropped:N0} lines" : $"{Lines.Count:N0} lines";

    protected override Task LoadAsync(CancellationToken ct)
    {
        Lines.Clear();
        _after = 0;
        _dropped = 0;
        return RefreshAsync(ct);
    }

    protected override async Task RefreshAsync(CancellationToken ct)
    {
        RunLogPage page;
        do
        {
            page = await Platform.GetRunLogsAsync(RunId, _after, PageSize, ct);
            Lines.AddRange(page.Lines);
            _after = page.NextAfter;
        }
        while (page.Lines.Count == PageSize);

        if (Lines.Count > MaxShown)
        {
            _dropped += Lines.Count - MaxShown;
            Lines.RemoveRange(0, Lines.Count - MaxShown);
        }

        _status = page.RunStatus;
    }
}
