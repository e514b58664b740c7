using Dapper;
using Npgsql;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;
using Platform.Silo.Store.Postgres;
using Platform.Silo.Tests.Infrastructure;

namespace Platform.Silo.Tests.Store;

/// <summary>The contract on a real PostgreSQL server started by <see cref="PostgresServer"/>; this class's databases are its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTrackingStoreTests(PostgresServer server) : TrackingStoreContractTests
{
    protected override async Task<Func<ITrackingStore>> OpenDatabaseAsync(string name)
    {
        var connectionString = await server.CreateDatabaseAsync("store_" + name);
        return () => new PostgresTrackingStore(connectionString);
    }

    [Fact]
    public async Task A_search_after_a_bulk_load_analyzes_the_search_tables_without_waiting_for_autovacuum()
    {
        var connectionString = await server.CreateDatabaseAsync("store_statistics");
        var store = await NewStoreAsync("statistics");
        await store.MigrateAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Autovacuum stays out of this table, so the analysis can only be the store's (it would come up to a minute later anyway).
        await connection.ExecuteAsync("ALTER TABLE runs SET (autovacuum_enabled = false)");
        var experiment = await store.CreateExperimentAsync("stats");
        for (var i = 0; i < 300; i++)
            await store.CreateRunAsync(new NewRun(experiment, null, null, i, RunStatus.RUNNING, []));
        // Backends publish their row counters within a second or so, and the store checks at most every 2 s, so a few searches
        // may pass before it sees the load.
        var analyzed = false;
        for (var attempt = 0; attempt < 8 && !analyzed; attempt++)
        {
            await store.SearchRunsAsync(new RunSearchQuery([experiment], "params.lr = '1'", MaxResults: 10));
            analyzed = await connection.ExecuteScalarAsync<bool>(
                "SELECT COALESCE(last_analyze IS NOT NULL, FALSE) FROM pg_stat_user_tables WHERE relname = 'runs' AND schemaname = current_schema()");
            if (!analyzed)
                await Task.Delay(2_100);
        }
        Assert.True(analyzed, "runs was not analyzed by a search");
    }
}
