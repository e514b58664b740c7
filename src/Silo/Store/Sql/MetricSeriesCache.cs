using Platform.Contracts.Tracking;

namespace Platform.Silo.Store.Sql;

/// <summary>
/// Whole metric series held in memory by (run, key), each with the <c>history_version</c> it was read at, so that a series that
/// only grew at its end since then is brought up to date by reading just the new points. Which batches only appended is
/// recorded by the store: <c>latest_metrics.rewrite_version</c> is the version of the last batch that wrote a point not after
/// the series' greatest one (a point in the middle, a retried batch), or that deleted points; an entry is extended only while
/// that is not newer than the entry. Bounded by the points held: past <see cref="PointBudget"/> the cache starts over.
/// </summary>
internal sealed class MetricSeriesCache
{
    /// <summary>About 60 bytes a point: 2,000,000 points ≈ 120 MB at most.</summary>
    public const int PointBudget = 2_000_000;

    private readonly Dictionary<(string RunId, string Key), Entry> _entries = new();
    private long _points;

    /// <summary>A series as read at <paramref name="Version"/>; <paramref name="Points"/> is never changed once cached.</summary>
    public sealed record Entry(long SeriesId, long Version, IReadOnlyList<Metric> Points);

    public Entry? Get(string runId, string key)
    {
        lock (_entries)
            return _entries.GetValueOrDefault((runId, key));
    }

    public void Set(string runId, string key, Entry entry)
    {
        // Empty series are not worth keeping (and an entry's last point is where reading new points starts).
        if (entry.Points.Count == 0 || entry.Points.Count > PointBudget / 4)
            return;
        lock (_entries)
        {
            if (_entries.Remove((runId, key), out var old))
                _points -= old.Points.Count;
            if (_points + entry.Points.Count > PointBudget)
            {
                _entries.Clear();
                _points = 0;
            }
            _entries[(runId, key)] = entry;
            _points += entry.Points.Count;
        }
    }
}
