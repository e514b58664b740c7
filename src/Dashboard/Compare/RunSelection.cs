namespace Platform.Dashboard.Compare;

/// <summary>
/// Runs picked for the compare view, in the order they were picked (the compare view colours runs in that order). A working set:
/// it lives in the page, not in the address.
/// </summary>
public sealed class RunSelection
{
    private readonly List<string> _runIds = [];

    public int Count => _runIds.Count;

    public bool Contains(string runId) => _runIds.Contains(runId);

    public void Toggle(string runId)
    {
        if (!_runIds.Remove(runId))
        {
            _runIds.Add(runId);
        }
    }

    public string CompareUrl => "compare?runs=" + string.Join(',', _runIds.Select(Uri.EscapeDataString));
}
