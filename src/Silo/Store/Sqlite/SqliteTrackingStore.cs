using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Platform.Silo.Store.Migrations;
using Platform.Silo.Store.Sql;

namespace Platform.Silo.Store.Sqlite;

/// <summary>
/// The tracking store in one SQLite file: the local default. WAL lets readers run beside the single writer; every write
/// transaction is BEGIN IMMEDIATE, so concurrent writers queue on the busy timeout instead of failing on a lock upgrade.
/// </summary>
public sealed class SqliteTrackingStore : SqlTrackingStore
{
    private const int BusyTimeoutMs = 30_000;

    // SQLite extended result codes for UNIQUE and PRIMARY KEY constraint failures.
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    private readonly string _connectionString;
    private readonly SqliteWriterConnection _writer;

    /// <param name="databasePath">The database file; its folder is created when missing.</param>
    /// <param name="artifactRoot">Optional root of artifact locations (see <see cref="StoreOptions.ArtifactRoot"/>).</param>
    public SqliteTrackingStore(string databasePath, string? artifactRoot = null) : base(artifactRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var fullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        DatabasePath = fullPath;
        _writer = new SqliteWriterConnection(() => OpenAsync(CancellationToken.None));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
    }

    public string DatabasePath { get; }

    protected override IReadOnlyList<Migration> Migrations => SqliteMigrations.All;

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            // Per-connection settings; NORMAL sync is durable enough under WAL (a power cut can lose the last commits, never corrupt).
            await connection.ExecuteAsync($"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA synchronous = NORMAL;");
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private protected override async Task<WriterLease> OpenWriterAsync() =>
        await _writer.TryTakeAsync() is { } kept ? new WriterLease(kept, _writer.ReturnAsync) : await base.OpenWriterAsync();

    private protected override StatementCache? StatementsOf(DbConnection connection) => _writer.StatementsOf(connection);

    protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override bool IsUniqueViolation(Exception ex) =>
        ex is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey };

    protected override string InList(string column, string parameter) => $"{column} IN @{parameter}";

    protected override string LikeSql(string column, string parameter, bool ignoreCase) =>
        ignoreCase ? $"{column} LIKE {parameter}" : $"{column} GLOB {parameter}";

    protected override string LikeParameter(string pattern, bool ignoreCase) => ignoreCase ? pattern : SqliteLikePattern.ToGlob(pattern);

    /// <summary>One prepared statement reused for every point of the batch, inside the caller's single transaction.</summary>
    private protected override async Task InsertMetricPointsAsync(DbConnection connection, DbTransaction tx, MetricPoint[] points, CancellationToken ct)
    {
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)tx;
        command.CommandText = InsertMetricSql;
        var seriesId = command.Parameters.Add("@SeriesId", SqliteType.Integer);
        var step = command.Parameters.Add("@Step", SqliteType.Integer);
        var timestamp = command.Parameters.Add("@Timestamp", SqliteType.Integer);
        var value = command.Parameters.Add("@Value", SqliteType.Real);
        var isNan = command.Parameters.Add("@IsNan", SqliteType.Integer);
        command.Prepare();
        foreach (var point in points)
        {
            seriesId.Value = point.SeriesId;
            step.Value = point.Step;
            timestamp.Value = point.Timestamp;
            value.Value = point.Value;
            isNan.Value = point.IsNan ? 1 : 0;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// SQLite's own staleness test (3.46+): with 0x10000 every table is checked, and ANALYZE (under an automatic analysis limit, so
    /// it stays quick on large files) runs on those never analyzed or whose row count changed tenfold since.
    /// </summary>
    protected override Task RefreshSearchStatisticsAsync(DbConnection connection, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("PRAGMA optimize = 0x10002;", cancellationToken: ct));

    protected override async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken ct) =>
        // WAL is stored in the file, so setting it once per start is enough for every later connection.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: ct));
}
