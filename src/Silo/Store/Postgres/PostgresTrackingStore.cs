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
        : this(NpgsqlDataSource.Create(connectionString), artifactRoot, ownsDataSource: true)
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

    protected override IReadOnlyList<Migration> Migrations => PostgresMigrations.All;

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct);

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        await connection.BeginTransactionAsync(ct);

    protected override bool IsUniqueViolation(Exception ex) => ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    protected override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLockKey }, tx, cancellationToken: ct));

    public ValueTask DisposeAsync() => _ownsDataSource ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;
}
