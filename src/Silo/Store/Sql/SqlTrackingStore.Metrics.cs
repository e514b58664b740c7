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
        await using var connection = await OpenAsync(ct);
        var rows = (await connection.QueryAsync<MetricRow>(Cmd(
            $"SELECT value AS Value, timestamp AS Timestamp, step AS Step, is_nan AS IsNan FROM metric_points WHERE series_id = {SeriesIdSql} " +
            "ORDER BY step, timestamp, value, is_nan LIMIT @limit OFFSET @offset",
            new { runId, key, limit = (long)maxResults + 1, offset }, null, ct))).AsList();
        var hasMore = rows.Count > maxResults;
        if (hasMore)
            rows.RemoveAt(rows.Count - 1);
        return new MetricPage(rows.Select(r => new Metric(key, r.IsNan ? double.NaN : r.Value, r.Timestamp, r.Step)).ToList(), hasMore ? PageToken.Encode(offset + rows.Count) : null);
    }

    public async Task<IReadOnlyList<MetricSummary>> GetMetricSummariesAsync(string runId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        // One pass over the run's points (primary key order); NaN points count but never become min or max.
        var stats = (await connection.QueryAsync<MetricSummaryRow>(Cmd(
            "SELECT l.key AS Key, MIN(CASE WHEN p.is_nan THEN NULL ELSE p.value END) AS Min, MAX(CASE WHEN p.is_nan THEN NULL ELSE p.value END) AS Max, " +
            "COUNT(*) AS Count FROM latest_metrics l JOIN metric_points p ON p.series_id = l.series_id WHERE l.run_id = @runId GROUP BY l.key",
            new { runId }, null, ct))).ToDictionary(s => s.Key);
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
        if (deleted > 0)
        {
            // The latest value of each key again: the greatest remaining (step, timestamp, value), as log-batch keeps it. The rows are
            // updated in place (they name their series); a key with no point left loses its row.
            await connection.ExecuteAsync(Cmd(
                "DELETE FROM latest_metrics WHERE run_id = @runId AND NOT EXISTS (SELECT 1 FROM metric_points p WHERE p.series_id = latest_metrics.series_id)",
                new { runId }, tx, ct));
            await connection.ExecuteAsync(Cmd(
                "UPDATE latest_metrics SET (timestamp, step, value, is_nan) = (SELECT p.timestamp, p.step, p.value, p.is_nan FROM metric_points p " +
                "WHERE p.series_id = latest_metrics.series_id ORDER BY p.step DESC, p.timestamp DESC, p.value DESC, p.is_nan DESC LIMIT 1), " +
                "history_version = history_version + 1, rewrite_version = history_version + 1 WHERE run_id = @runId",
                new { runId }, tx, ct));
        }

        await tx.CommitAsync(ct);
        return deleted;
    }
}
