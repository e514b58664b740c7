using System.Data.Common;

namespace Platform.Silo.Store.Sql;

// Planner statistics for runs/search. Its plans depend on how many rows the run tables hold and how values spread: without
// statistics (a database that just took a bulk load) PostgreSQL estimated one run per experiment and ran nested loops over all
// of them, about six times the CPU of the hash-join plan it picks with statistics, and autovacuum only analyzes up to a minute
// later; SQLite gathers none unless asked. So a search first brings them up to date when the dialect finds them stale, checked
// at most every StatisticsCheckIntervalMs, by one search at a time (the others go ahead with what the planner has). The check
// costs well under a millisecond (a pg_stat_user_tables query; SQLite's row-count estimates), so the interval is short: a search
// soon after a bulk load, from any silo, is planned with fresh statistics.
public abstract partial class SqlTrackingStore
{
    /// <summary>The tables a runs/search query reads (fixed names, safe to place in SQL text).</summary>
    protected static readonly IReadOnlyList<string> SearchTables = ["runs", "latest_metrics", "params", "tags", "run_inputs"];

    private const long StatisticsCheckIntervalMs = 2_000;

    private long _nextStatisticsCheck = long.MinValue;
    private int _statisticsCheckRunning;

    /// <summary>Analyzes those of <see cref="SearchTables"/> whose statistics are missing or stale; cheap when none are.</summary>
    protected abstract Task RefreshSearchStatisticsAsync(DbConnection connection, CancellationToken ct);

    private async Task EnsureSearchStatisticsAsync(DbConnection connection, CancellationToken ct)
    {
        if (Environment.TickCount64 < Volatile.Read(ref _nextStatisticsCheck) || Interlocked.Exchange(ref _statisticsCheckRunning, 1) == 1)
            return;
        try
        {
            await RefreshSearchStatisticsAsync(connection, ct);
        }
        catch (DbException)
        {
            // Statistics only make plans cheaper: a search must not fail because they could not be refreshed now (e.g. a lock).
        }
        finally
        {
            Volatile.Write(ref _nextStatisticsCheck, Environment.TickCount64 + StatisticsCheckIntervalMs);
            Volatile.Write(ref _statisticsCheckRunning, 0);
        }
    }
}
