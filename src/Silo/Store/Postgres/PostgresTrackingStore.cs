using System.Data.Common;
using Dapper;
using Npgsql;
using Platform.Silo.Store.Migrations;
using Platform.Silo.Store.Sql;

namespace Platform.Silo.Store.Postgres;

/// <summary>The tracking store in PostgreSQL: the cluster store. Connections come from one pooled <see cref="NpgsqlDataSource"/>.</summary>
public sealed class PostgresTrackingStore : SqlTrackingStore, IAsyncDisposable
{
    // Arbitrary but fixed: every process migrating this database contends on the same advisory lock ("PLTS" in ASCII).
    private const long MigrationLockKey = 0x504C5453;

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;

    /// <summary>Creates (and owns) a data source for <paramref name="connectionString"/>.</summary>
    public PostgresTrackingStore(string connectionString, string? artifactRoot = null)
        : this(CreateDataSource(connectionString), artifactRoot, ownsDataSource: true)
    {
    }

    /// <summary>Uses a data source owned by the caller (e.g. the DI container).</summary>
    public PostgresTrackingStore(NpgsqlDataSource dataSource, string? artifactRoot = null)
        : this(dataSource, artifactRoot, ownsDataSource: false)
    {
    }

    private PostgresTrackingStore(NpgsqlDataSource dataSource, string? artifactRoot, bool ownsDataSource) : base(artifactRoot)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _ownsDataSource = ownsDataSource;
    }

    /// <summary>
    /// The data source this store is meant to run on: pooled connections are not reset with DISCARD ALL when returned, so
    /// prepared statements survive between batches on a physical connection instead of being recreated for every batch. The
    /// store sets no session state (group transactions set theirs with SET LOCAL), so nothing can leak between uses of a
    /// connection. Statements used repeatedly (a log-batch runs the same handful) are prepared automatically: parsing them on
    /// every batch showed in PostgreSQL's profile. Plans are custom (planned with the actual values): a generic plan for a
    /// runs/search filter cannot use the values' selectivity; group-commit transactions switch to generic plans (see
    /// <see cref="BeginWriteGroupAsync"/>).
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (builder.MaxAutoPrepare == 0)
            builder.MaxAutoPrepare = 64;
        builder.Options = $"{builder.Options} -c plan_cache_mode=force_custom_plan".Trim();
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    protected override IReadOnlyList<Migration> Migrations => PostgresMigrations.All;

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct);

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        await connection.BeginTransactionAsync(ct);

    protected override bool IsUniqueViolation(Exception ex) => ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    protected override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLockKey }, tx, cancellationToken: ct));

    protected override string LikeSql(string column, string parameter, bool ignoreCase) =>
        $"{column} {(ignoreCase ? "ILIKE" : "LIKE")} {parameter}";

    protected override string RunKeyShareLock => " FOR KEY SHARE";

    /// <summary>
    /// ANALYZE now the search tables autovacuum would analyze at its next round (its default threshold: 50 rows + 10% changed since
    /// the last analysis), so the first search after a bulk load is planned with statistics instead of up to a minute later.
    /// </summary>
    protected override async Task RefreshSearchStatisticsAsync(DbConnection connection, CancellationToken ct)
    {
        var stale = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = ANY(@tables) " +
            "AND n_mod_since_analyze > 50 + 0.1 * n_live_tup", new { tables = SearchTables.ToArray() }, cancellationToken: ct))).ToHashSet();
        var tables = SearchTables.Where(stale.Contains).ToList();
        if (tables.Count > 0)
            await connection.ExecuteAsync(new CommandDefinition($"ANALYZE {string.Join(", ", tables)}", cancellationToken: ct));
    }

    /// <summary>
    /// Group transactions run a handful of statements over and over (run check, latest-row upsert, params, tags, trial rows), each a
    /// primary-key lookup whatever the values: they use the generic plan PostgreSQL caches for a prepared statement instead of
    /// being planned again on every execution (the data source forces custom plans for the sake of runs/search; replanning was
    /// about 5% of PostgreSQL's ingest CPU).
    /// </summary>
    private protected override async Task<DbTransaction> BeginWriteGroupAsync(DbConnection connection)
    {
        var tx = await BeginWriteAsync(connection, CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition("SET LOCAL plan_cache_mode = force_generic_plan", transaction: tx));
        return tx;
    }

    // Group commit: a few transactions at once let PostgreSQL overlap one group's round trips with another's work. Two made the
    // groups larger (2.3 batches on average against 1.4 under 8 writers), but in the full benchmark (8 x 1,000,000) four gave both
    // more points per second (148,005 against 103,028) and less CPU per point (9.3 against 10.6 us) when points were stored one
    // by one. With chunks (migration 11) the two are within this machine's noise (199,000-365,000 against 208,000-262,000/s).
    private protected override int BatchWriters => 4;

    /// <summary>
    /// Points that may already be stored (a retried batch, or points behind a series' latest one): one
    /// <c>INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING</c>, which skips exactly the points already stored (and a
    /// point repeated within the batch). The arrays go in Npgsql's binary format; the rows arrive sorted (see UpsertLatestAsync), so
    /// concurrent batches take index locks in the same order. One statement, where a staging table cost three and a COPY.
    /// </summary>
    private protected override Task InsertMetricPointsAsync(DbConnection connection, DbTransaction tx, MetricPoint[] points, CancellationToken ct)
    {
        var (seriesIds, steps, timestamps, values, nans) =
            (new long[points.Length], new long[points.Length], new long[points.Length], new double[points.Length], new bool[points.Length]);
        for (var i = 0; i < points.Length; i++)
            (seriesIds[i], steps[i], timestamps[i], values[i], nans[i]) = points[i];
        return connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO metric_points (series_id, step, timestamp, value, is_nan) " +
            "SELECT * FROM unnest(@seriesIds, @steps, @timestamps, @values, @nans) ON CONFLICT DO NOTHING",
            new { seriesIds, steps, timestamps, values, nans }, tx, cancellationToken: ct));
    }

    public ValueTask DisposeAsync() => _ownsDataSource ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;
}
