using System.Data.Common;
using System.Globalization;
using Dapper;
using Platform.Contracts.Api;
using Platform.Silo.Store.Migrations;

namespace Platform.Silo.Store.Sql;

/// <summary>
/// The tracking store over any SQL database that speaks ON CONFLICT, RETURNING and row-value comparisons
/// (SQLite 3.35+, PostgreSQL 9.5+). Subclasses supply connections, transactions and the few dialect differences, so the
/// semantics (MLflow's) live in one place. Every operation opens its own connection, so instances are thread-safe.
/// </summary>
public abstract partial class SqlTrackingStore : ITrackingStore
{
    private readonly string? _artifactRoot;

    protected SqlTrackingStore(string? artifactRoot) => _artifactRoot = string.IsNullOrWhiteSpace(artifactRoot) ? null : artifactRoot.TrimEnd('/');

    /// <summary>An open connection, ready for use (pragmas applied).</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>A transaction that takes the write lock up front where the dialect needs it (SQLite: BEGIN IMMEDIATE).</summary>
    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct);

    protected abstract bool IsUniqueViolation(Exception ex);

    /// <summary>SQL for "column is one of the values in parameter": Dapper expands lists for SQLite, Npgsql takes arrays.</summary>
    protected abstract string InList(string column, string parameter);

    protected abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>Runs before the migrations, outside any transaction (SQLite switches to WAL here).</summary>
    protected virtual Task PrepareDatabaseAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Taken first in each migration transaction so that several processes can migrate at once.</summary>
    protected virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction tx, CancellationToken ct) => Task.CompletedTask;

    public Task MigrateAsync(CancellationToken ct = default) => MigrateAsync(int.MaxValue, ct);

    /// <summary>Applies the migrations up to <paramref name="version"/> only: tests of a migration over data in the schema before it.</summary>
    internal async Task MigrateAsync(int version, CancellationToken ct)
    {
        await using (var connection = await OpenAsync(ct))
            await PrepareDatabaseAsync(connection, ct);
        await SchemaMigrator.MigrateAsync(OpenAsync, BeginWriteAsync, LockForMigrationAsync, Migrations.Where(m => m.Version <= version).ToList(), ct);
        await EnsureDefaultExperimentAsync(ct);
    }

    /// <summary>Runs <paramref name="sql"/> in its own transaction (tests that write rows in an older schema).</summary>
    internal async Task ExecuteSqlAsync(string sql, object? param = null)
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var tx = await BeginWriteAsync(connection, CancellationToken.None);
        await connection.ExecuteAsync(Cmd(sql, param, tx, CancellationToken.None));
        await tx.CommitAsync();
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Experiment ids are integers stored as such; any other string names no experiment.</summary>
    private static long? ParseExperimentId(string experimentId) =>
        long.TryParse(experimentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static TrackingStoreException RunNotFound(string runId) => new(ErrorCodes.ResourceDoesNotExist, $"Run with id={runId} not found");

    private static TrackingStoreException ExperimentNotFound(string experimentId) =>
        new(ErrorCodes.ResourceDoesNotExist, $"No Experiment with id={experimentId} exists");

    private static CommandDefinition Cmd(string sql, object? param, DbTransaction? tx, CancellationToken ct) =>
        new(sql, param, tx, cancellationToken: ct);

    /// <summary>
    /// A row lock on the run that keeps it from being deleted until the transaction ends (PostgreSQL: <c>FOR KEY SHARE</c>, what a
    /// foreign key check takes), or "" where the write lock already excludes other writers (SQLite).
    /// </summary>
    protected virtual string RunKeyShareLock => "";

    /// <summary>Throws unless the run exists and is active: MLflow refuses new data for deleted runs. Locks it against deletion.</summary>
    private async Task RequireActiveRunAsync(DbConnection connection, DbTransaction tx, string runId, CancellationToken ct)
    {
        var stage = await connection.ExecuteScalarAsync<string?>(Cmd(
                        "SELECT lifecycle_stage FROM runs WHERE run_id = @runId" + RunKeyShareLock, new { runId }, tx, ct))
                    ?? throw RunNotFound(runId);
        if (stage != LifecycleStages.Active)
        {
            throw RunNotActive(runId, stage);
        }
    }

    private static TrackingStoreException RunNotActive(string runId, string stage) =>
        new(ErrorCodes.InvalidParameterValue, $"The run {runId} must be in the 'active' state. Current state is {stage}.");
}
