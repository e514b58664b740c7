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
            $"SELECT {MetricRow.Columns} FROM metrics WHERE run_id = @runId AND key = @key ORDER BY step, timestamp, value LIMIT @limit OFFSET @offset",
            new { runId, key, limit = (long)maxResults + 1, offset }, null, ct))).AsList();
        var hasMore = rows.Count > maxResults;
        if (hasMore)
            rows.RemoveAt(rows.Count - 1);
        return new MetricPage(rows.Select(r => r.ToMetric()).ToList(), hasMore ? PageToken.Encode(offset + rows.Count) : null);
    }

    public async Task<IReadOnlyList<MetricSummary>> GetMetricSummariesAsync(string runId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        // One pass over the run's points (primary key order); NaN points count but never become min or max.
        var stats = (await connection.QueryAsync<MetricSummaryRow>(Cmd(
            "SELECT key AS Key, MIN(CASE WHEN is_nan THEN NULL ELSE value END) AS Min, MAX(CASE WHEN is_nan THEN NULL ELSE value END) AS Max, " +
            "COUNT(*) AS Count FROM metrics WHERE run_id = @runId GROUP BY key", new { runId }, null, ct))).ToDictionary(s => s.Key);
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
        var deleted = await connection.ExecuteAsync(Cmd(
            afterStep is null ? "DELETE FROM metrics WHERE run_id = @runId" : "DELETE FROM metrics WHERE run_id = @runId AND step > @afterStep",
            new { runId, afterStep }, tx, ct));
        if (deleted > 0)
        {
            // The latest value of each key again: the greatest remaining (step, timestamp, value), as log-batch keeps it.
            await connection.ExecuteAsync(Cmd("DELETE FROM latest_metrics WHERE run_id = @runId", new { runId }, tx, ct));
            await connection.ExecuteAsync(Cmd(
                "INSERT INTO latest_metrics (run_id, key, timestamp, step, value, is_nan) " +
                "SELECT m.run_id, m.key, m.timestamp, m.step, m.value, m.is_nan FROM metrics m WHERE m.run_id = @runId AND NOT EXISTS (" +
                "SELECT 1 FROM metrics n WHERE n.run_id = m.run_id AND n.key = m.key AND (n.step, n.timestamp, n.value) > (m.step, m.timestamp, m.value)) " +
                "ON CONFLICT (run_id, key) DO NOTHING",
                new { runId }, tx, ct));
        }

        await tx.CommitAsync(ct);
        return deleted;
    }
}
