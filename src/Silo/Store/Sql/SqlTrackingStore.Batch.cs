using System.Data.Common;
using Dapper;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Silo.Search;

namespace Platform.Silo.Store.Sql;

public abstract partial class SqlTrackingStore
{
    // Only a point greater in (step, timestamp, value) replaces the latest one; the comparison runs in the database so
    // concurrent batches cannot overwrite a newer value with an older one. Every batch bumps history_version, which tells cached
    // downsampled histories that the series may have changed.
    private const string GreaterThanLatest =
        "(excluded.step, excluded.timestamp, excluded.value) > (latest_metrics.step, latest_metrics.timestamp, latest_metrics.value)";

    private const string UpsertLatestSql =
        "INSERT INTO latest_metrics (run_id, key, timestamp, step, value, is_nan, history_version) VALUES (@RunId, @Key, @Timestamp, @Step, @Value, @IsNan, 1) " +
        "ON CONFLICT (run_id, key) DO UPDATE SET " +
        "timestamp = CASE WHEN " + GreaterThanLatest + " THEN excluded.timestamp ELSE latest_metrics.timestamp END, " +
        "step = CASE WHEN " + GreaterThanLatest + " THEN excluded.step ELSE latest_metrics.step END, " +
        "value = CASE WHEN " + GreaterThanLatest + " THEN excluded.value ELSE latest_metrics.value END, " +
        "is_nan = CASE WHEN " + GreaterThanLatest + " THEN excluded.is_nan ELSE latest_metrics.is_nan END, " +
        "history_version = latest_metrics.history_version + 1";

    /// <summary>A log-batch waiting for its group's transaction.</summary>
    private sealed record PendingBatch(string RunId, IReadOnlyList<Metric> Metrics, IReadOnlyList<Param> Params, IReadOnlyList<RunTag> Tags)
        : PendingWrite(RunId)
    {
        public override int Weight => Metrics.Count + Params.Count + Tags.Count + 1;

        public override Task ApplyAsync(SqlTrackingStore store, DbConnection connection, DbTransaction tx) =>
            store.ApplyBatchAsync(connection, tx, this, CancellationToken.None);
    }

    public Task LogBatchAsync(
        string runId, IReadOnlyList<Metric> metrics, IReadOnlyList<Param> @params, IReadOnlyList<RunTag> tags, CancellationToken ct = default) =>
        // Concurrent batches (8 trials logging at once) share transactions: one commit, one lock hand-over, one connection for many.
        SubmitWriteAsync(new PendingBatch(runId, metrics ?? [], @params ?? [], tags ?? []), ct);

    private async Task ApplyBatchAsync(DbConnection connection, DbTransaction tx, PendingBatch batch, CancellationToken ct)
    {
        var (runId, metrics, @params, tags) = batch;
        await RequireActiveRunAsync(connection, tx, runId, ct);

        // Every table is written in key order so that concurrent batches on one run take row locks in the same order (no deadlocks on
        // PostgreSQL). Params go first: a conflict throws before anything else of the batch is written.
        foreach (var param in @params.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(Cmd(
                "INSERT INTO params (run_id, key, value) VALUES (@runId, @Key, @Value) ON CONFLICT (run_id, key) DO NOTHING",
                new { runId, param.Key, param.Value }, tx, ct));
            var stored = await connection.ExecuteScalarAsync<string>(Cmd(
                "SELECT value FROM params WHERE run_id = @runId AND key = @Key", new { runId, param.Key }, tx, ct));
            if (stored != param.Value)
            {
                throw new TrackingStoreException(ErrorCodes.InvalidParameterValue,
                    $"Changing param values is not allowed. Param with key='{param.Key}' was already logged with value='{stored}' " +
                    $"for run ID='{runId}'. Attempted logging new value '{param.Value}'.");
            }
        }

        if (metrics.Count > 0)
        {
            var points = metrics.Select(m => MetricRow.From(runId, m))
                .OrderBy(m => m.Key, StringComparer.Ordinal).ThenBy(m => m.Step).ThenBy(m => m.Timestamp).ThenBy(m => m.Value).ToList();
            // An identical point (same key, timestamp, step, value) is a retry and is skipped by the primary key.
            await InsertMetricPointsAsync(connection, tx, points, ct);
            // Points are sorted, so the last of each key is its greatest (step, timestamp, value) within this batch.
            var latest = points.GroupBy(p => p.Key).Select(g => g.Last()).ToList();
            await connection.ExecuteAsync(Cmd(UpsertLatestSql, latest, tx, ct));
        }

        if (tags.Count > 0)
        {
            // The last value of a key repeated within the batch wins, as if the tags had been set one after another.
            var tagRows = tags.GroupBy(t => t.Key).Select(g => new { RunId = runId, g.Key, g.Last().Value })
                .OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
            await connection.ExecuteAsync(Cmd(UpsertTagSql, tagRows, tx, ct));
        }
    }

    /// <summary>
    /// Inserts metric points inside <paramref name="tx"/>, skipping points already stored (ON CONFLICT DO NOTHING keeps retries
    /// idempotent). Dialects override this with their fastest bulk path.
    /// </summary>
    private protected virtual Task InsertMetricPointsAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<MetricRow> points, CancellationToken ct) =>
        connection.ExecuteAsync(Cmd(InsertMetricSql, points, tx, ct));

    private protected const string InsertMetricSql =
        "INSERT INTO metrics (run_id, key, timestamp, step, value, is_nan) VALUES (@RunId, @Key, @Timestamp, @Step, @Value, @IsNan) ON CONFLICT DO NOTHING";

    public async Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await ReadHistoryAsync(connection, runId, key, ct);
    }

    private readonly DownsampledHistoryCache _histories = new();

    public async Task<DownsampledHistory> GetDownsampledMetricHistoryAsync(string runId, string key, int maxPoints, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        // The version is read before the points: a batch landing in between can only make the cached entry newer than its version.
        var version = await connection.ExecuteScalarAsync<long?>(Cmd(
            "SELECT history_version FROM latest_metrics WHERE run_id = @runId AND key = @key", new { runId, key }, null, ct));
        if (version is null)
            return new DownsampledHistory(0, []);
        if (_histories.TryGet(runId, key, maxPoints, version.Value, out var cached))
            return cached;
        var history = await ReadHistoryAsync(connection, runId, key, ct);
        var result = new DownsampledHistory(history.Count, Lttb.Downsample(history, maxPoints));
        _histories.Set(runId, key, maxPoints, version.Value, result);
        return result;
    }

    private static async Task<IReadOnlyList<Metric>> ReadHistoryAsync(DbConnection connection, string runId, string key, CancellationToken ct)
    {
        // A plain reader over the four varying columns: histories run to 10^5..10^6 points, and mapping rows through Dapper
        // (two strings per row) costs more than the query itself.
        await using var command = connection.CreateCommand();
        // Read in primary-key order (an index range scan, no sort in the database), then order by step in memory, which is
        // usually a no-op: steps and timestamps tend to grow together.
        command.CommandText = "SELECT timestamp, step, value, is_nan FROM metrics WHERE run_id = @runId AND key = @key ORDER BY timestamp, step, value";
        AddParameter(command, "runId", runId);
        AddParameter(command, "key", key);
        var points = new List<Metric>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            points.Add(new Metric(key, reader.GetBoolean(3) ? double.NaN : reader.GetDouble(2), reader.GetInt64(0), reader.GetInt64(1)));
        if (!IsInHistoryOrder(points))
            points.Sort(CompareHistoryOrder);
        return points;
    }

    /// <summary>MLflow's history order: step, then timestamp, then value (NaN, stored as 0, compares as 0 here as in the database).</summary>
    private static int CompareHistoryOrder(Metric a, Metric b)
    {
        var c = a.Step.CompareTo(b.Step);
        if (c == 0)
            c = a.Timestamp.CompareTo(b.Timestamp);
        return c != 0 ? c : (double.IsNaN(a.Value) ? 0 : a.Value).CompareTo(double.IsNaN(b.Value) ? 0 : b.Value);
    }

    private static bool IsInHistoryOrder(List<Metric> points)
    {
        for (var i = 1; i < points.Count; i++)
        {
            if (CompareHistoryOrder(points[i - 1], points[i]) > 0)
                return false;
        }
        return true;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
