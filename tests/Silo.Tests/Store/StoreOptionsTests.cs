using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;
using Platform.Silo.Store.Postgres;
using Platform.Silo.Store.Sqlite;

namespace Platform.Silo.Tests.Store;

public sealed class StoreOptionsTests
{
    [Fact]
    public void Unknown_provider_is_named_in_the_error()
    {
        var errors = new StoreOptions { Provider = "x" }.Validate();
        Assert.Equal(["Store:Provider must be 'sqlite' or 'postgres', got 'x'"], errors);
        var ex = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddTrackingStore(new StoreOptions { Provider = "x" }));
        Assert.Contains("Store:Provider", ex.Message);
    }

    [Fact]
    public void Each_provider_requires_its_location()
    {
        Assert.Contains("Store:SqlitePath", Assert.Single(new StoreOptions { Provider = "sqlite" }.Validate()));
        Assert.Contains("Store:ConnectionString", Assert.Single(new StoreOptions { Provider = "postgres" }.Validate()));
        Assert.Empty(new StoreOptions { Provider = "sqlite", SqlitePath = "a.db" }.Validate());
        Assert.Empty(new StoreOptions { Provider = "postgres", ConnectionString = "Host=localhost" }.Validate());
    }

    [Fact]
    public async Task AddTrackingStore_picks_the_store_by_provider()
    {
        var dir = Path.Combine(Path.GetTempPath(), "platform-opts-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            await using (var sqlite = new ServiceCollection().AddTrackingStore(new StoreOptions { SqlitePath = Path.Combine(dir, "t.db") }).BuildServiceProvider())
                Assert.IsType<SqliteTrackingStore>(sqlite.GetRequiredService<ITrackingStore>());
            await using var pg = new ServiceCollection()
                .AddTrackingStore(new StoreOptions { Provider = "postgres", ConnectionString = "Host=127.0.0.1;Port=1;Username=u" }).BuildServiceProvider();
            Assert.IsType<PostgresTrackingStore>(pg.GetRequiredService<ITrackingStore>());
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Artifact_root_gives_experiment_and_run_locations()
    {
        var dir = Path.Combine(Path.GetTempPath(), "platform-opts-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var store = new SqliteTrackingStore(Path.Combine(dir, "t.db"), "s3://bucket/mlruns/");
            await store.MigrateAsync();
            var experimentId = await store.CreateExperimentAsync("e");
            Assert.Equal($"s3://bucket/mlruns/{experimentId}", (await store.GetExperimentAsync(experimentId))!.ArtifactLocation);
            var run = await store.CreateRunAsync(new NewRun(experimentId, null, "r", 1, RunStatus.RUNNING, []));
            Assert.Equal($"s3://bucket/mlruns/{experimentId}/{run.RunId}/artifacts", run.ArtifactUri);
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }
}
