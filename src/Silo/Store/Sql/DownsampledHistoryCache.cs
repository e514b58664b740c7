using System.Collections.Concurrent;

namespace Platform.Silo.Store.Sql;

/// <summary>
/// Downsampled metric histories by (run, key, points), each kept with the series' <c>history_version</c> it was computed at; an
/// entry serves only while the stored version is unchanged, so a batch logged through any silo invalidates it. Bounded: past
/// <see cref="Capacity"/> entries the cache starts over (dashboards re-read the few series they show).
/// </summary>
internal sealed class DownsampledHistoryCache
{
    public const int Capacity = 512;

    /// <summary>Larger requests are not cached: they are rare and would hold much memory.</summary>
    public const int MaxCachedPoints = 10_000;

    private readonly ConcurrentDictionary<(string RunId, string Key, int MaxPoints), (long Version, DownsampledHistory History)> _entries = new();

    public bool TryGet(string runId, string key, int maxPoints, long version, out DownsampledHistory history)
    {
        if (_entries.TryGetValue((runId, key, maxPoints), out var entry) && entry.Version == version)
        {
            history = entry.History;
            return true;
        }
        history = null!;
        return false;
    }

    public void Set(string runId, string key, int maxPoints, long version, DownsampledHistory history)
    {
        if (maxPoints > MaxCachedPoints)
            return;
        if (_entries.Count >= Capacity)
            _entries.Clear();
        _entries[(runId, key, maxPoints)] = (version, history);
    }
}
