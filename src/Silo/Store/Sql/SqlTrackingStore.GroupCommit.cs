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

        /// <summary>Writes inside the group's transaction; throws <see cref="TrackingStoreException"/> when refused.</summary>
        public abstract Task ApplyAsync(SqlTrackingStore store, WriteGroup group);
    }

    /// <summary>
    /// One group's transaction, and the points its log-batches only append (each greater than its series' stored points): those
    /// cannot collide with stored points, so they are written for the whole group at once after the group's other writes, one
    /// chunk per series (see <see cref="MetricChunk"/>). Points that may collide are inserted by their batch.
    /// </summary>
    private protected sealed class WriteGroup(DbConnection connection, DbTransaction transaction)
    {
        public DbConnection Connection { get; } = connection;

        public DbTransaction Transaction { get; } = transaction;

        public List<MetricPoint> AppendedPoints { get; } = [];
    }

    private GroupCommitQueue<PendingWrite>? _writes;

    /// <summary>Begins a group's transaction (a dialect may set what suits the group's few, repeated statements).</summary>
    private protected virtual Task<DbTransaction> BeginWriteGroupAsync(DbConnection connection) =>
        BeginWriteAsync(connection, CancellationToken.None);

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
    /// One transaction for a group of writes. Writes go in run order (stable, so one run's writes keep their queue order) so that
    /// concurrent groups on PostgreSQL take row locks in one order (no deadlocks). A write that is refused (a changed param, an
    /// unknown or deleted run) fails alone while the others commit: the group is first written without savepoints (two round
    /// trips fewer per write; refusals are rare), and only when a write fails is it rolled back and written again with a savepoint
    /// around each write.
    /// </summary>
    private async Task CommitWritesAsync(IReadOnlyList<GroupCommitQueue<PendingWrite>.Item> group)
    {
        var ordered = group.OrderBy(i => i.Value.RunId, StringComparer.Ordinal).ToList();
        await using var writer = await OpenWriterAsync();
        if (!await TryCommitTogetherAsync(writer.Connection, ordered))
        {
            await CommitWithSavepointsAsync(writer.Connection, ordered);
        }
    }

    /// <summary>
    /// The group in one transaction without savepoints; false (rolled back) when a write of a group of several is refused. A
    /// lone write's refusal is its own error, so it propagates as it is.
    /// </summary>
    private async Task<bool> TryCommitTogetherAsync(DbConnection connection, IReadOnlyList<GroupCommitQueue<PendingWrite>.Item> ordered)
    {
        await using var tx = await BeginWriteGroupAsync(connection);
        var writes = new WriteGroup(connection, tx);
        try
        {
            foreach (var item in ordered)
                await item.Value.ApplyAsync(this, writes);
        }
        catch (Exception e) when (ordered.Count > 1 && e is TrackingStoreException or DbException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            return false;
        }
        await WriteAppendedPointsAsync(writes);
        await tx.CommitAsync(CancellationToken.None);
        return true;
    }

    /// <summary>The group again, each write under its own savepoint: one that is refused is rolled back and fails alone.</summary>
    private async Task CommitWithSavepointsAsync(DbConnection connection, IReadOnlyList<GroupCommitQueue<PendingWrite>.Item> ordered)
    {
        await using var tx = await BeginWriteGroupAsync(connection);
        var writes = new WriteGroup(connection, tx);
        foreach (var item in ordered)
        {
            var appended = writes.AppendedPoints.Count;
            await connection.ExecuteAsync(Cmd("SAVEPOINT batch", null, tx, CancellationToken.None));
            try
            {
                await item.Value.ApplyAsync(this, writes);
                await connection.ExecuteAsync(Cmd("RELEASE SAVEPOINT batch", null, tx, CancellationToken.None));
            }
            catch (Exception e) when (e is TrackingStoreException or DbException)
            {
                await connection.ExecuteAsync(Cmd("ROLLBACK TO SAVEPOINT batch", null, tx, CancellationToken.None));
                await connection.ExecuteAsync(Cmd("RELEASE SAVEPOINT batch", null, tx, CancellationToken.None));
                writes.AppendedPoints.RemoveRange(appended, writes.AppendedPoints.Count - appended);
                item.Completion.TrySetException(e);
            }
        }
        await WriteAppendedPointsAsync(writes);
        await tx.CommitAsync(CancellationToken.None);
    }
}
