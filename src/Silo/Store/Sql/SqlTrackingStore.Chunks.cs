using System.Data.Common;
using Platform.Contracts.Tracking;

namespace Platform.Silo.Store.Sql;

// Metric points packed in chunks (MetricChunk, migration 11): how they are written, found again for a retry, and read.
public abstract partial class SqlTrackingStore
{
    private const string InsertChunkSql =
        "INSERT INTO metric_chunks (series_id, first_step, first_timestamp, first_value, first_is_nan, last_step, last_timestamp, " +
        "last_value, last_is_nan, point_count, min_value, max_value, points) VALUES (@seriesId, @firstStep, @firstTimestamp, " +
        "@firstValue, @firstIsNan, @lastStep, @lastTimestamp, @lastValue, @lastIsNan, @count, @min, @max, @points)";

    /// <summary>
    /// A series with fewer appended points than this in a group stores them as rows of <c>metric_points</c>: a chunk row costs
    /// more than a point row, so a run logging one point at a time (log-metric, a slow training's cost) would otherwise store a
    /// chunk per point.
    /// </summary>
    private const int MinChunkPoints = 16;

    /// <summary>
    /// Writes the points the group's batches only append (see <see cref="WriteGroup"/>): one chunk per series, or rows for a
    /// series with few. A series' points are in history order already: each batch's are sorted, and a later batch of the
    /// group appends after an earlier one.
    /// </summary>
    private async Task WriteAppendedPointsAsync(WriteGroup group)
    {
        List<MetricPoint>? few = null;
        foreach (var series in group.AppendedPoints.GroupBy(p => p.SeriesId))
        {
            var points = series.ToArray();
            if (points.Length < MinChunkPoints)
                (few ??= []).AddRange(points);
            else
                await InsertChunkAsync(group.Connection, group.Transaction, MetricChunk.Pack(points));
        }
        if (few is not null)
        {
            few.Sort(); // in key order, as batches insert theirs (see UpsertLatestAsync)
            await InsertMetricPointsAsync(group.Connection, group.Transaction, few.ToArray(), CancellationToken.None);
        }
    }

    private Task<int> InsertChunkAsync(DbConnection connection, DbTransaction tx, MetricChunk chunk) =>
        ExecuteHotAsync(connection, tx, InsertChunkSql,
            ("seriesId", chunk.SeriesId), ("firstStep", chunk.First.Step), ("firstTimestamp", chunk.First.Timestamp),
            ("firstValue", chunk.First.Value), ("firstIsNan", chunk.First.IsNan), ("lastStep", chunk.Last.Step),
            ("lastTimestamp", chunk.Last.Timestamp), ("lastValue", chunk.Last.Value), ("lastIsNan", chunk.Last.IsNan),
            ("count", chunk.Count), ("min", chunk.Min), ("max", chunk.Max), ("points", chunk.Points));

    /// <summary>
    /// <paramref name="points"/> (sorted by series) without those a chunk of their series holds already, or will hold when the
    /// group's <paramref name="appended"/> points are written: what a retried batch resends. Only chunks overlapping the batch's
    /// steps are read, under the series' latest rows the batch has locked, so no chunk can be written in between. The points
    /// table's key skips the points stored there.
    /// </summary>
    private static async Task<MetricPoint[]> WithoutChunkedPointsAsync(
        DbConnection connection, DbTransaction tx, MetricPoint[] points, IReadOnlyList<MetricPoint> appended)
    {
        var stored = new HashSet<MetricPoint>();
        foreach (var series in points.GroupBy(p => p.SeriesId))
        {
            var (least, greatest) = (series.Min(p => p.Step), series.Max(p => p.Step));
            foreach (var chunk in await ReadChunksAsync(connection, tx, series.Key,
                         "first_step <= @greatest AND last_step >= @least", CancellationToken.None, ("least", least), ("greatest", greatest)))
            {
                stored.UnionWith(chunk);
            }
            stored.UnionWith(appended.Where(p => p.SeriesId == series.Key));
        }
        return stored.Count == 0 ? points : points.Where(p => !stored.Contains(p)).ToArray();
    }

    /// <summary>The points of the series' chunks that satisfy <paramref name="where"/>, chunk by chunk in history order.</summary>
    private static async Task<List<MetricPoint[]>> ReadChunksAsync(
        DbConnection connection, DbTransaction? tx, long seriesId, string where, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        var sql = "SELECT points FROM metric_chunks WHERE series_id = @seriesId" + (where.Length == 0 ? "" : " AND " + where) +
                  " ORDER BY first_step, first_timestamp, first_value, first_is_nan";
        var chunks = new List<MetricPoint[]>();
        await using var command = SqlCommands.Create(connection, sql, [("seriesId", seriesId), .. args]);
        command.Transaction = tx;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            chunks.Add(MetricChunk.Unpack(seriesId, reader.GetFieldValue<byte[]>(0)));
        return chunks;
    }

    /// <summary>Two lists of one series' points, each in history order, as one in history order.</summary>
    private static List<Metric> Merge(List<MetricPoint> a, List<MetricPoint> b, string key)
    {
        var merged = new List<Metric>(a.Count + b.Count);
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
            merged.Add(j == b.Count || (i < a.Count && a[i].CompareTo(b[j]) <= 0) ? a[i++].ToMetric(key) : b[j++].ToMetric(key));
        return merged;
    }
}
