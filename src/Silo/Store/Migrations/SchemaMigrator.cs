using System.Data.Common;
using Dapper;

namespace Platform.Silo.Store.Migrations;

/// <summary>
/// Applies pending <see cref="Migration"/>s, one transaction each, and records them in <c>schema_migrations</c>.
/// Concurrency between processes comes from <c>lockAsync</c>, which runs first inside every transaction
/// (PostgreSQL: an advisory transaction lock; SQLite: nothing, because BEGIN IMMEDIATE already holds the only write lock).
/// The applied-version check happens after the lock is taken, so a migration that another process just applied is skipped.
/// </summary>
internal static class SchemaMigrator
{
    // BIGINT and TEXT mean the same thing to both dialects, so this bookkeeping table is shared.
    private const string CreateTableSql =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

    public static async Task MigrateAsync(
        Func<CancellationToken, Task<DbConnection>> openAsync,
        Func<DbConnection, CancellationToken, Task<DbTransaction>> beginAsync,
        Func<DbConnection, DbTransaction, CancellationToken, Task> lockAsync,
        IReadOnlyList<Migration> migrations,
        CancellationToken ct)
    {
        await using var connection = await openAsync(ct);
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            await using var tx = await beginAsync(connection, ct);
            await lockAsync(connection, tx, ct);
            await connection.ExecuteAsync(new CommandDefinition(CreateTableSql, transaction: tx, cancellationToken: ct));
            var applied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { Version = (long)migration.Version }, tx, cancellationToken: ct));
            if (applied == 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                    new { Version = (long)migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
                    tx, cancellationToken: ct));
            }
            await tx.CommitAsync(ct);
        }
    }
}
