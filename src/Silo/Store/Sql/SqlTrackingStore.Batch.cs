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

    // RETURNING series_id: the latest row names the series its points are stored under (see migration 9). rewrite_version moves to
    // this batch's version unless the batch's least point (@First*) comes after the series' greatest one, i.e. unless the batch only
    // appends (see MetricSeriesCache).
    private const string UpsertLatestSql =
        "INSERT INTO latest_metrics (run_id, key, timestamp, step, value, is_nan, history_version, rewrite_version) " +
        "VALUES (@RunId, @Key, @Timestamp, @Step, @Value, @IsNan, 1, 1) " +
        "ON CONFLICT (run_id, key) DO UPDATE SET " +
        "timestamp = CASE WHEN " + GreaterThanLatest + " THEN excluded.timestamp ELSE latest_metrics.timestamp END, " +
        "step = CASE WHEN " + GreaterThanLatest + " THEN excluded.step ELSE latest_metrics.step END, " +
        "value = CASE WHEN " + GreaterThanLatest + " THEN excluded.value ELSE latest_metrics.value END, " +
        "is_nan = CASE WHEN " + GreaterThanLatest + " THEN excluded.is_nan ELSE latest_metrics.is_nan END, " +
        "rewrite_version = CASE WHEN (@FirstStep, @FirstTimestamp, @FirstValue) > (latest_metrics.step, latest_metrics.timestamp, latest_metrics.value) " +
        "THEN latest_metrics.rewrite_version ELSE latest_metrics.history_version + 1 END, " +
        "history_version = latest_metrics.history_version + 1 RETURNING series_id AS SeriesId, history_version AS HistoryVersion, rewrite_version AS RewriteVersion";

    /// <summary>A log-batch waiting for its group's transaction.</summary>
    private sealed record PendingBatch(string RunId, IReadOnlyList<Metric> Metrics, IReadOnlyList<Param> Params, IReadOnlyList<RunTag> Tags)
        : PendingWrite(RunId)
    {
        public override int Weight => Metrics.Count + Params.Count + Tags.Count + 1;

        public override Task ApplyAsync(SqlTrackingStore store, WriteGroup group) =>
            store.ApplyBatchAsync(group, this, CancellationToken.None);
    }

    public Task LogBatchAsync(
        string runId, IReadOnlyList<Metric> metrics, IReadOnlyList<Param> @params, IReadOnlyList<RunTag> tags, CancellationToken ct = default) =>
        // Concurrent batches (8 trials logging at once) share transactions: one commit, one lock hand-over, one connection for many.
        SubmitWriteAsync(new PendingBatch(runId, metrics ?? [], @params ?? [], tags ?? []), ct);

    private async Task ApplyBatchAsync(WriteGroup group, PendingBatch batch, CancellationToken ct)
    {
        var (connection, tx) = (group.Connection, group.Transaction);
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
            var (points, appendsOnly) = await UpsertLatestAsync(connection, tx, runId, metrics, ct);
            if (appendsOnly)
                group.AppendedPoints.AddRange(points);
            else
            {
                // An identical point (same key, step, timestamp, value) is a retry: skipped here when a chunk holds it or will
                // (appended earlier in this group), by the points table's key when that does.
                var unchunked = await WithoutChunkedPointsAsync(connection, tx, points, group.AppendedPoints);
                if (unchunked.Length > 0)
                    await InsertMetricPointsAsync(connection, tx, unchunked, ct);
            }
        }

        if (tags.Count > 0)
        {
            // The last value of a key repeated within the batch wins, as if the tags had been set one after another.
            var tagRows = tags.GroupBy(t => t.Key).Select(g => new { RunId = runId, g.Key, g.Last().Value })
                .OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
            await connection.ExecuteAsync(Cmd(UpsertTagSql, tagRows, tx, ct));
            if (tagRows.Find(t => t.Key == PlatformTags.RunName) is { } runName)
            {
                // As MLflow: setting the mlflow.runName tag renames the run.
                await connection.ExecuteAsync(Cmd("UPDATE runs SET run_name = @Value WHERE run_id = @RunId", runName, tx, ct));
            }
        }
    }

    /// <summary>
    /// Writes each key's greatest point of the batch to <c>latest_metrics</c> (keys in ordinal order, so concurrent batches lock
    /// these rows in one order), which also gives each key its series id; returns the batch's points under their series ids,
    /// sorted as the points' key so that concurrent batches insert index entries in one order too, and whether they only append:
    /// every key's least point comes after its series' latest (the greatest stored point, see <see cref="GreaterThanLatest"/>)
    /// and no point repeats within the batch, so none can collide with a stored point. The latest row stays locked until the
    /// transaction ends, so no concurrent batch can store points of these series in between.
    /// </summary>
    private static async Task<(MetricPoint[] Points, bool AppendsOnly)> UpsertLatestAsync(
        DbConnection connection, DbTransaction tx, string runId, IReadOnlyList<Metric> metrics, CancellationToken ct)
    {
        var keyOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var greatest = new List<Metric>();
        var least = new List<Metric>();
        var keyIndex = new int[metrics.Count];
        for (var i = 0; i < metrics.Count; i++)
        {
            var m = metrics[i];
            if (!keyOf.TryGetValue(m.Key, out var k))
            {
                keyOf.Add(m.Key, k = greatest.Count);
                greatest.Add(m);
                least.Add(m);
            }
            else
            {
                // Among equal points the later one wins, as if they had been logged one after another.
                if (CompareLatestOrder(m, greatest[k]) >= 0)
                    greatest[k] = m;
                if (CompareLatestOrder(m, least[k]) < 0)
                    least[k] = m;
            }
            keyIndex[i] = k;
        }

        var seriesIds = new long[greatest.Count];
        var appendsOnly = true;
        foreach (var (key, k) in keyOf.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var (last, first) = (MetricRow.From(runId, greatest[k]), least[k]);
            var series = await connection.QuerySingleAsync<SeriesRow>(Cmd(UpsertLatestSql, new
            {
                last.RunId, last.Key, last.Timestamp, last.Step, last.Value, last.IsNan,
                FirstStep = first.Step, FirstTimestamp = first.Timestamp, FirstValue = double.IsNaN(first.Value) ? 0 : first.Value,
            }, tx, ct));
            seriesIds[k] = series.SeriesId;
            // A new series (version 1) holds no points; else rewrite_version kept below history_version says the batch appends.
            appendsOnly &= series.HistoryVersion == 1 || series.RewriteVersion < series.HistoryVersion;
        }

        var points = SortedPoints(metrics, keyIndex, seriesIds);
        for (var i = 1; i < points.Length && appendsOnly; i++)
            appendsOnly = points[i - 1].CompareTo(points[i]) != 0;
        return (points, appendsOnly);
    }

    /// <summary>
    /// The batch's points under their series ids in the key's order. Points are placed by series first (a counting sort: a batch
    /// usually interleaves its keys, each in step order), and only a series whose points came out of order is sorted.
    /// </summary>
    private static MetricPoint[] SortedPoints(IReadOnlyList<Metric> metrics, int[] keyIndex, long[] seriesIds)
    {
        var byId = Enumerable.Range(0, seriesIds.Length).OrderBy(k => seriesIds[k]).ToArray();
        var count = new int[seriesIds.Length];
        foreach (var k in keyIndex)
            count[k]++;
        var next = new int[seriesIds.Length];
        var at = 0;
        foreach (var k in byId)
        {
            next[k] = at;
            at += count[k];
        }
        var points = new MetricPoint[metrics.Count];
        for (var i = 0; i < points.Length; i++)
            points[next[keyIndex[i]]++] = MetricPoint.From(seriesIds[keyIndex[i]], metrics[i]);
        at = 0;
        foreach (var k in byId)
        {
            var run = points.AsSpan(at, count[k]);
            at += count[k];
            for (var i = 1; i < run.Length; i++)
            {
                if (run[i - 1].CompareTo(run[i]) > 0)
                {
                    run.Sort();
                    break;
                }
            }
        }
        return points;
    }

    /// <summary>The latest value's order: (step, timestamp, value), NaN compared as the 0 it is stored as.</summary>
    private static int CompareLatestOrder(Metric a, Metric b)
    {
        var c = a.Step.CompareTo(b.Step);
        if (c == 0)
            c = a.Timestamp.CompareTo(b.Timestamp);
        return c != 0 ? c : (double.IsNaN(a.Value) ? 0 : a.Value).CompareTo(double.IsNaN(b.Value) ? 0 : b.Value);
    }

    /// <summary>
    /// Inserts metric points inside <paramref name="tx"/>, skipping points already stored (ON CONFLICT DO NOTHING keeps retries
    /// idempotent). Dialects override this with their fastest bulk path.
    /// </summary>
    private protected virtual Task InsertMetricPointsAsync(DbConnection connection, DbTransaction tx, MetricPoint[] points, CancellationToken ct) =>
        connection.ExecuteAsync(Cmd(InsertMetricSql, points.Select(p => new { p.SeriesId, p.Step, p.Timestamp, p.Value, p.IsNan }), tx, ct));

    private protected const string InsertMetricSql =
        "INSERT INTO metric_points (series_id, step, timestamp, value, is_nan) VALUES (@SeriesId, @Step, @Timestamp, @Value, @IsNan) ON CONFLICT DO NOTHING";

    public async Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var series = await ReadSeriesRowAsync(connection, runId, key, ct);
        return series is null ? [] : await ReadSeriesAsync(connection, runId, key, series, ct);
    }

    private readonly DownsampledHistoryCache _histories = new();
    private readonly MetricSeriesCache _series = new();

    public async Task<DownsampledHistory> GetDownsampledMetricHistoryAsync(string runId, string key, int maxPoints, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var series = await ReadSeriesRowAsync(connection, runId, key, ct);
        if (series is null)
            return new DownsampledHistory(0, []);
        if (_histories.TryGet(runId, key, maxPoints, series.HistoryVersion, out var cached))
            return cached;
        var history = await ReadSeriesAsync(connection, runId, key, series, ct);
        var result = new DownsampledHistory(history.Count, Lttb.Downsample(history, maxPoints));
        _histories.Set(runId, key, maxPoints, series.HistoryVersion, result);
        return result;
    }

    /// <summary>The series' id and versions; read before its points, so a batch landing in between can only make a cached entry
    /// newer than the version it is stored under.</summary>
    private static Task<SeriesRow?> ReadSeriesRowAsync(DbConnection connection, string runId, string key, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<SeriesRow?>(Cmd(
            "SELECT series_id AS SeriesId, history_version AS HistoryVersion, rewrite_version AS RewriteVersion FROM latest_metrics " +
            "WHERE run_id = @runId AND key = @key", new { runId, key }, null, ct));

    /// <summary>
    /// The whole series at (at least) <paramref name="series"/>' version: from <see cref="MetricSeriesCache"/> where every batch since the
    /// cached version only appended, reading just the points after the cached ones (a live run's chart); else all of it.
    /// </summary>
    private async Task<IReadOnlyList<Metric>> ReadSeriesAsync(DbConnection connection, string runId, string key, SeriesRow series, CancellationToken ct)
    {
        var entry = _series.Get(runId, key);
        if (entry is not null && entry.SeriesId == series.SeriesId && entry.Version == series.HistoryVersion)
            return entry.Points;
        IReadOnlyList<Metric> points;
        if (entry is null || entry.SeriesId != series.SeriesId || series.RewriteVersion > entry.Version)
            points = await ReadHistoryAsync(connection, series.SeriesId, key, null, ct);
        else
        {
            // Cached entries are never empty, so the last cached point is where the new ones start.
            var added = await ReadHistoryAsync(connection, series.SeriesId, key, entry.Points[^1], ct);
            points = added.Count == 0 ? entry.Points : [.. entry.Points, .. added];
        }
        _series.Set(runId, key, new MetricSeriesCache.Entry(series.SeriesId, series.HistoryVersion, points));
        return points;
    }

    /// <summary>
    /// The series' points in history order (step, timestamp, value), all or only those after <paramref name="after"/>: its chunks
    /// (in history order by their key) merged with the points logged out of order (the points table's key order, so an index
    /// range scan and no sort). Points are read with a plain reader over the four varying columns: histories run to
    /// 10^5..10^6 points, and mapping rows through Dapper costs more than the query itself.
    /// </summary>
    private static async Task<List<Metric>> ReadHistoryAsync(DbConnection connection, long seriesId, string key, Metric? after, CancellationToken ct)
    {
        var from = after is null ? (MetricPoint?)null : MetricPoint.From(seriesId, after);
        var chunked = new List<MetricPoint>();
        foreach (var chunk in await ReadChunksAsync(connection, null, seriesId, from is null ? "" : "last_step >= @step", ct,
                     from is { } f ? [("step", f.Step)] : []))
        {
            chunked.AddRange(from is { } a ? chunk.Where(p => p.CompareTo(a) > 0) : chunk);
        }

        await using var command = SqlCommands.Create(connection,
            "SELECT step, timestamp, value, is_nan FROM metric_points WHERE series_id = @seriesId" +
            (from is null ? "" : " AND step >= @step AND (step, timestamp, value, is_nan) > (@step, @timestamp, @value, @isNan)") +
            " ORDER BY step, timestamp, value, is_nan",
            from is { } p ? [("seriesId", seriesId), ("step", p.Step), ("timestamp", p.Timestamp), ("value", p.Value), ("isNan", p.IsNan)] : [("seriesId", seriesId)]);
        var loose = new List<MetricPoint>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            loose.Add(new MetricPoint(seriesId, reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetBoolean(3)));
        return Merge(chunked, loose, key);
    }
}
