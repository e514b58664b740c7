using System.Data.Common;
using Dapper;
using Platform.Contracts.Tracking;
using Platform.Silo.Search;

namespace Platform.Silo.Store.Sql;

// Metric reads beyond the latest values: paged history and per-key summaries.
public abstract partial class SqlTrackingStore
{
    public async Task<MetricPage> GetMetricHistoryPageAsync(string runId, string key, int maxResults, string? pageToken, CancellationToken ct = default)
    {
        var offset = PageToken.Decode(pageToken);
        if (maxResults <= 0)
            return new MetricPage([], null);
        // Pages are slices of the whole series, which the series cache keeps: paging through a history reads it once.
        await using var connection = await OpenAsync(ct);
        var series = await ReadSeriesRowAsync(connection, runId, key, ct);
        var history = series is null ? [] : await ReadSeriesAsync(connection, runId, key, series, ct);
        var page = history.Skip((int)Math.Min(offset, int.MaxValue)).Take(maxResults).ToList();
        var next = offset + page.Count;
        return new MetricPage(page, next < history.Count ? PageToken.Encode(next) : null);
    }

    public async Task<IReadOnlyList<MetricSummary>> GetMetricSummariesAsync(string runId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        // One pass over the run's points logged out of order (primary key order), and over its chunks' summaries; NaN points count
        // but never become min or max.
        var loose = await connection.QueryAsync<MetricSummaryRow>(Cmd(
            "SELECT l.key AS Key, MIN(CASE WHEN p.is_nan THEN NULL ELSE p.value END) AS Min, MAX(CASE WHEN p.is_nan THEN NULL ELSE p.value END) AS Max, " +
            "COUNT(*) AS Count FROM latest_metrics l JOIN metric_points p ON p.series_id = l.series_id WHERE l.run_id = @runId GROUP BY l.key",
            new { runId }, null, ct));
        var chunked = await connection.QueryAsync<MetricSummaryRow>(Cmd(
            "SELECT l.key AS Key, MIN(c.min_value) AS Min, MAX(c.max_value) AS Max, SUM(c.point_count) AS Count " +
            "FROM latest_metrics l JOIN metric_chunks c ON c.series_id = l.series_id WHERE l.run_id = @runId GROUP BY l.key",
            new { runId }, null, ct));
        var stats = loose.Concat(chunked).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => new MetricSummaryRow
        {
            Key = g.Key, Min = g.Min(s => s.Min), Max = g.Max(s => s.Max), Count = g.Sum(s => s.Count),
        });
        var latest = await connection.QueryAsync<MetricRow>(Cmd(
            $"SELECT {MetricRow.Columns} FROM latest_metrics WHERE run_id = @runId ORDER BY key", new { runId }, null, ct));
        return latest.Select(l => stats.TryGetValue(l.Key, out var s)
                ? new MetricSummary(l.Key, s.Min, s.Max, l.ToMetric(), s.Count)
                : new MetricSummary(l.Key, null, null, l.ToMetric(), 0))
            .ToList();
    }

    public async Task<int> DeleteMetricsAfterStepAsync(string runId, long? afterStep, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        const string runSeries = "SELECT series_id FROM latest_metrics WHERE run_id = @runId";
        var deleted = await connection.ExecuteAsync(Cmd(
            afterStep is null
                ? $"DELETE FROM metric_points WHERE series_id IN ({runSeries})"
                : $"DELETE FROM metric_points WHERE series_id IN ({runSeries}) AND step > @afterStep",
            new { runId, afterStep }, tx, ct));
        deleted += await DeleteChunkedPointsAfterStepAsync(connection, tx, runId, afterStep);
        if (deleted > 0)
        {
            // The latest value of each key again: the greatest remaining (step, timestamp, value), as log-batch keeps it, from the
            // points and the chunks' last points. The rows are updated in place (they name their series); a key with no point
            // left loses its row.
            await connection.ExecuteAsync(Cmd(
                "DELETE FROM latest_metrics WHERE run_id = @runId AND NOT EXISTS (SELECT 1 FROM metric_points p WHERE p.series_id = latest_metrics.series_id) " +
                "AND NOT EXISTS (SELECT 1 FROM metric_chunks c WHERE c.series_id = latest_metrics.series_id)",
                new { runId }, tx, ct));
            await connection.ExecuteAsync(Cmd(
                "UPDATE latest_metrics SET (timestamp, step, value, is_nan) = (" +
                "SELECT p.timestamp, p.step, p.value, p.is_nan FROM metric_points p WHERE p.series_id = latest_metrics.series_id " +
                "UNION ALL SELECT c.last_timestamp, c.last_step, c.last_value, c.last_is_nan FROM metric_chunks c WHERE c.series_id = latest_metrics.series_id " +
                "ORDER BY 2 DESC, 1 DESC, 3 DESC, 4 DESC LIMIT 1), " +
                "history_version = history_version + 1, rewrite_version = history_version + 1 WHERE run_id = @runId",
                new { runId }, tx, ct));
        }

        await tx.CommitAsync(ct);
        return deleted;
    }

    /// <summary>
    /// Deletes the run's chunked points after <paramref name="afterStep"/> (all when null): chunks wholly after it go, a chunk
    /// across it is written again with the points it keeps. Returns the points deleted.
    /// </summary>
    private async Task<int> DeleteChunkedPointsAfterStepAsync(DbConnection connection, DbTransaction tx, string runId, long? afterStep)
    {
        const string runChunks = "FROM metric_chunks WHERE series_id IN (SELECT series_id FROM latest_metrics WHERE run_id = @runId) AND last_step > @after";
        var after = afterStep ?? long.MinValue;
        var chunks = (await connection.QueryAsync<(long SeriesId, byte[] Points)>(Cmd(
            "SELECT series_id, points " + runChunks, new { runId, after }, tx, CancellationToken.None))).AsList();
        if (chunks.Count == 0)
            return 0;
        await connection.ExecuteAsync(Cmd("DELETE " + runChunks, new { runId, after }, tx, CancellationToken.None));
        var deleted = 0;
        foreach (var (seriesId, packed) in chunks)
        {
            var points = MetricChunk.Unpack(seriesId, packed);
            var kept = points.Where(p => p.Step <= after).ToArray();
            deleted += points.Length - kept.Length;
            if (kept.Length > 0)
                await InsertChunkAsync(connection, tx, MetricChunk.Pack(kept));
        }
        return deleted;
    }
}
