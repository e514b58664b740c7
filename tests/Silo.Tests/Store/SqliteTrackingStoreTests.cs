using Dapper;
using Microsoft.Data.Sqlite;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;
using Platform.Silo.Store.Sqlite;

namespace Platform.Silo.Tests.Store;

/// <summary>The contract on SQLite: every test gets its own folder of database files, deleted afterwards.</summary>
public sealed class SqliteTrackingStoreTests : TrackingStoreContractTests, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "platform-sqlite-" + Guid.NewGuid().ToString("N")[..12]);

    protected override Task<Func<ITrackingStore>> OpenDatabaseAsync(string name) =>
        Task.FromResult<Func<ITrackingStore>>(() => new SqliteTrackingStore(Path.Combine(_dir, name + ".db")));

    [Fact]
    public void Constructor_creates_the_database_folder()
    {
        var store = new SqliteTrackingStore(Path.Combine(_dir, "nested", "deeper", "x.db"));
        Assert.True(Directory.Exists(Path.GetDirectoryName(store.DatabasePath)));
    }

    [Fact]
    public async Task Database_uses_WAL_and_enforces_foreign_keys()
    {
        var store = (SqliteTrackingStore)await NewStoreAsync("pragmas");
        await store.MigrateAsync();
        await using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Foreign Keys=True");
        await connection.OpenAsync();
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        // A metric for a run that does not exist must be refused by the schema itself, not only by the store's check: its latest
        // row (which needs the run) names the series, and a point needs its series.
        var ex = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(
            "INSERT INTO latest_metrics (run_id, key, timestamp, step, value, is_nan) VALUES ('nope', 'm', 1, 1, 1, 0)"));
        Assert.Equal(19, ex.SqliteErrorCode); // SQLITE_CONSTRAINT
        ex = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(
            "INSERT INTO metric_points (series_id, step, timestamp, value, is_nan) VALUES (12345, 1, 1, 1, 0)"));
        Assert.Equal(19, ex.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    [Fact]
    public async Task A_search_gathers_planner_statistics_that_sqlite_never_gathers_by_itself()
    {
        var store = (SqliteTrackingStore)await NewStoreAsync("statistics");
        await store.MigrateAsync();
        var experiment = await store.CreateExperimentAsync("stats");
        for (var i = 0; i < 50; i++)
            await store.CreateRunAsync(new NewRun(experiment, null, null, i, RunStatus.RUNNING, []));
        await using var connection = new SqliteConnection($"Data Source={store.DatabasePath}");
        await connection.OpenAsync();
        const string analyzed = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'";
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(analyzed));

        await store.SearchRunsAsync(new RunSearchQuery([experiment], "metrics.acc > 0", MaxResults: 10));

        Assert.Equal(1, await connection.ExecuteScalarAsync<long>(analyzed));
        Assert.True(await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM sqlite_stat1 WHERE tbl = 'runs' AND stat LIKE '50 %')"));
    }

    // Linux lets us delete files that pooled connections still hold open.
    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }
}
