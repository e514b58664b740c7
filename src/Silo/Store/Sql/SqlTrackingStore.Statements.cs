using System.Data.Common;

namespace Platform.Silo.Store.Sql;

// The statements every trial transition runs, and the connection group commits write on.
public abstract partial class SqlTrackingStore
{
    /// <summary>
    /// The connection a group commit writes on: by default a fresh (pooled) one per group; a dialect may keep one for the next
    /// group, with its prepared statements (see <see cref="StatementsOf"/>).
    /// </summary>
    private protected virtual async Task<WriterLease> OpenWriterAsync() => new(await OpenAsync(CancellationToken.None), null);

    /// <summary>The prepared statements kept with <paramref name="connection"/>, or null where it keeps none.</summary>
    private protected virtual StatementCache? StatementsOf(DbConnection connection) => null;

    /// <summary>
    /// Runs one of the statements every trial transition writes, prepared once where the connection keeps its statements
    /// (Microsoft.Data.Sqlite compiles every new command afresh: SQL compilation was a sixth of a dispatched trial's CPU), and
    /// without Dapper's per-call work.
    /// </summary>
    private protected Task<int> ExecuteHotAsync(DbConnection connection, DbTransaction tx, string sql, params (string Name, object? Value)[] args) =>
        RunHotAsync(connection, tx, sql, command => command.ExecuteNonQueryAsync(CancellationToken.None), args);

    /// <summary>As <see cref="ExecuteHotAsync"/> for a statement that returns a row: <paramref name="read"/> of its first row, or default.</summary>
    private protected Task<T?> QueryHotRowAsync<T>(
        DbConnection connection, DbTransaction tx, string sql, Func<DbDataReader, T> read, params (string Name, object? Value)[] args) =>
        RunHotAsync(connection, tx, sql, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            return await reader.ReadAsync(CancellationToken.None) ? read(reader) : default;
        }, args);

    // One statement for what a write asks of its run: the status (if it changes), and back whether the run exists, its stage and
    // how many log lines it holds. It also locks the run row (PostgreSQL; SQLite holds its one write lock already) for the rest
    // of the transaction, so concurrent appends to one run's log count one after the other. Statements are what a write costs:
    // this replaces the active-run check, the status update, the log's lock and its count.
    private const string TouchRunSql =
        "UPDATE runs SET status = COALESCE(@status, status), end_time = COALESCE(@endTime, end_time) WHERE run_id = @runId " +
        "RETURNING lifecycle_stage, (SELECT COUNT(*) FROM run_logs WHERE run_id = @runId)";

    /// <summary>Runs <see cref="TouchRunSql"/>: the run's stage (null when there is no such run) and its log lines.</summary>
    private protected Task<(string? Stage, long LogLines)> TouchRunAsync(DbConnection connection, DbTransaction tx, string runId, string? status, long? endTime) =>
        QueryHotRowAsync(connection, tx, TouchRunSql, r => ((string?)r.GetString(0), r.GetInt64(1)),
            ("runId", runId), ("status", status), ("endTime", endTime));

    private async Task<T> RunHotAsync<T>(DbConnection connection, DbTransaction tx, string sql, Func<DbCommand, Task<T>> run, (string Name, object? Value)[] args)
    {
        var statements = StatementsOf(connection);
        var command = statements?.Get(sql, args) ?? SqlCommands.Create(connection, sql, args);
        command.Transaction = tx;
        try
        {
            return await run(command);
        }
        catch
        {
            statements?.Forget(sql); // prepared afresh next time
            throw;
        }
        finally
        {
            if (statements is null)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>A group commit's connection; disposing it gives it back (<see cref="Return"/>) or closes it.</summary>
    private protected readonly record struct WriterLease(DbConnection Connection, Func<DbConnection, ValueTask>? Return) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Return is null ? Connection.DisposeAsync() : Return(Connection);
    }
}
