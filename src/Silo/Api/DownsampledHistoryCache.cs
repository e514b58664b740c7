using System.Collections.Concurrent;
using Platform.Contracts.Tracking;
using Platform.Silo.Search;
using Platform.Silo.Store;

namespace Platform.Silo.Api;

/// <summary>
/// Downsampled metric histories (LTTB), kept until the run's latest point of the metric moves: the charts' series
/// (<c>GET runs/{id}/metrics/{key}</c>) and the sweep page's per-trial histories, which it asks for every second, plus the
/// points ASHA's rungs are judged on. A refresh reads from the store only the histories that changed; an ended run's never
/// change, so comparing or watching many of them costs one read each. A point logged behind a run's latest one shows up with
/// the run's next point.
/// </summary>
public sealed class DownsampledHistoryCache
{
    /// <summary>Past this many trials held the cache starts over (a simple bound; each entry is at most a few hundred points).</summary>
    public const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<(string RunId, string Metric, int MaxPoints, string KeptSteps), Entry> _entries = new();
    private long _loads;

    /// <summary>Histories read from the store so far (what the cache saves is the difference to the trials asked for).</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>The run's history of <paramref name="metric"/>: its point count and at most <paramref name="maxPoints"/> of them
    /// (more by the points kept for <paramref name="rungSteps"/>).</summary>
    public async Task<Sampled> GetAsync(ITrackingStore store, Run run, string metric, int maxPoints, IReadOnlyList<long> rungSteps,
        CancellationToken ct)
    {
        var latest = run.Data.Metrics.FirstOrDefault(m => m.Key == metric);
        var key = (run.Info.RunId, metric, maxPoints, string.Join(',', rungSteps));
        if (_entries.TryGetValue(key, out var hit) && hit.Latest == latest)
        {
            return hit.History;
        }

        var full = await store.GetMetricHistoryAsync(run.Info.RunId, metric, ct);
        var sampled = new Sampled(full.Count, Reduce(full, maxPoints, rungSteps));
        Interlocked.Increment(ref _loads);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(latest, sampled);
        return sampled;
    }

    /// <summary>
    /// LTTB to <paramref name="maxPoints"/>, plus for each rung step the first finite point at or after it (what
    /// <see cref="SweepDetailsBuilder.Rungs"/> reads), in step order.
    /// </summary>
    public static IReadOnlyList<Metric> Reduce(IReadOnlyList<Metric> full, int maxPoints, IReadOnlyList<long> rungSteps)
    {
        var sampled = Lttb.Downsample(full, maxPoints);
        if (rungSteps.Count == 0)
        {
            return sampled;
        }

        var ordered = full.Where(m => double.IsFinite(m.Value)).OrderBy(m => m.Step).ThenBy(m => m.Timestamp).ToArray();
        var rungPoints = rungSteps.Select(s => ordered.FirstOrDefault(m => m.Step >= s)).OfType<Metric>();
        return sampled.Concat(rungPoints).Distinct().OrderBy(m => m.Step).ThenBy(m => m.Timestamp).ToArray();
    }

    public sealed record Sampled(int TotalPoints, IReadOnlyList<Metric> Points);

    private sealed record Entry(Metric? Latest, Sampled History);
}
