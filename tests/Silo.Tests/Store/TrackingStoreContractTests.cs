using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;

namespace Platform.Silo.Tests.Store;

/// <summary>
/// The behaviour every <see cref="ITrackingStore"/> must have, run against each real database by a subclass.
/// Tests share their class's database, so each one works in experiments with unique names and asserts only on its own rows.
/// </summary>
public abstract partial class TrackingStoreContractTests : IAsyncLifetime
{
    private readonly List<ITrackingStore> _stores = [];

    protected ITrackingStore Store { get; private set; } = null!;

    /// <summary>A factory of stores over the database called <paramref name="name"/> (created empty on first use, not migrated).</summary>
    protected abstract Task<Func<ITrackingStore>> OpenDatabaseAsync(string name);

    public async Task InitializeAsync()
    {
        Store = await NewStoreAsync("contract");
        await Store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores.OfType<IAsyncDisposable>())
            await store.DisposeAsync();
    }

    protected async Task<ITrackingStore> NewStoreAsync(string database)
    {
        var store = (await OpenDatabaseAsync(database))();
        _stores.Add(store);
        return store;
    }

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    protected async Task<string> NewExperimentAsync() => await Store.CreateExperimentAsync(Unique("exp"));

    protected async Task<string> NewRunIdAsync(string? experimentId = null, long startTime = 1_000) =>
        (await Store.CreateRunAsync(new NewRun(experimentId ?? await NewExperimentAsync(), null, null, startTime, RunStatus.RUNNING, []))).RunId;

    protected static async Task<TrackingStoreException> ThrowsStoreError(string code, Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<TrackingStoreException>(action);
        Assert.Equal(code, ex.ErrorCode);
        return ex;
    }

    [Fact]
    public async Task Migrate_is_idempotent()
    {
        await Store.MigrateAsync();
        await Store.MigrateAsync();
    }

    [Fact]
    public async Task Concurrent_migrations_of_a_fresh_database_all_succeed()
    {
        var database = "migrate_" + Guid.NewGuid().ToString("N")[..12];
        var stores = new List<ITrackingStore>();
        for (var i = 0; i < 4; i++)
            stores.Add(await NewStoreAsync(database));
        await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync())));
        var id = await stores[0].CreateExperimentAsync("after-migrate");
        Assert.Equal("after-migrate", (await stores[3].GetExperimentAsync(id))!.Name);
    }
}
