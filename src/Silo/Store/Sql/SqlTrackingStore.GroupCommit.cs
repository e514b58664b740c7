using System.Data.Common;
using Dapper;

namespace Platform.Silo.Store.Sql;

public abstract partial class SqlTrackingStore
{
    /// <summary>
    /// A write that shares its group's transaction with others: a log-batch, or a trial transition. One queue for both, so a
    /// trial's state and the metrics its neighbours log go to the database in the same commits (SQLite has one writer anyway).
    /// </summary>
    private abstract record PendingWrite(string RunId)
    {
        /// <summary>How much of a group's budget the write takes (rows, roughly).</summary>
        public abstract int Weight { get; }

        /// <summary>Writes inside <paramref name="tx"/>; throws <see cref="TrackingStoreException"/> when refused.</summary>
        public abstract Task ApplyAsync(SqlTrackingStore store, DbConnection connection, DbTransaction tx);
    }

    private GroupCommitQueue<PendingWrite>? _writes;

    /// <summary>How many group-commit transactions may run at once: SQLite has one writer anyway; PostgreSQL gains from a few.</summary>
    private protected virtual int BatchWriters => 1;

    /// <summary>Queues the write for the next group; the task ends when it has committed (or with the error that refused it alone).</summary>
    private Task SubmitWriteAsync(PendingWrite write, CancellationToken ct)
    {
        // Created on first use (BatchWriters is the subclass's); a queue that loses the race was never started, so nothing leaks.
        var queue = LazyInitializer.EnsureInitialized(ref _writes, () => new GroupCommitQueue<PendingWrite>(
            CommitWritesAsync, w => w.Weight, BatchWriters, maxItems: 64, maxWeight: 20_000));
        return queue.SubmitAsync(write, ct);
    }

    /// <summary>
    /// One transaction for a group of writes. Each runs under its own savepoint, so one that is refused (a changed param, an
    /// unknown or deleted run) is rolled back and fails alone while the others commit. Writes go in run order (stable, so one
    /// run's writes keep their queue order) so that concurrent groups on PostgreSQL take row locks in one order (no deadlocks).
    /// </summary>
    private async Task CommitWritesAsync(IReadOnlyList<GroupCommitQueue<PendingWrite>.Item> group)
    {
        await using var writer = await OpenWriterAsync();
        var connection = writer.Connection;
        await using var tx = await BeginWriteAsync(connection, CancellationToken.None);
        foreach (var item in group.OrderBy(i => i.Value.RunId, StringComparer.Ordinal))
        {
            if (group.Count == 1)
            {
                await item.Value.ApplyAsync(this, connection, tx);
                break;
            }
            await connection.ExecuteAsync(Cmd("SAVEPOINT batch", null, tx, CancellationToken.None));
            try
            {
                await item.Value.ApplyAsync(this, connection, tx);
                await connection.ExecuteAsync(Cmd("RELEASE SAVEPOINT batch", null, tx, CancellationToken.None));
            }
            catch (Exception e) when (e is TrackingStoreException or DbException)
            {
                await connection.ExecuteAsync(Cmd("ROLLBACK TO SAVEPOINT batch", null, tx, CancellationToken.None));
                await connection.ExecuteAsync(Cmd("RELEASE SAVEPOINT batch", null, tx, CancellationToken.None));
                item.Completion.TrySetException(e);
            }
        }
        await tx.CommitAsync(CancellationToken.None);
    }
}
