using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;

namespace Platform.Silo.Tests.Store;

public abstract partial class TrackingStoreContractTests
{
    [Fact]
    public async Task Created_experiment_can_be_read_by_id_and_by_name()
    {
        var name = Unique("exp");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = await Store.CreateExperimentAsync(name, [new ExperimentTag("team", "vision"), new ExperimentTag("owner", "ann")]);

        Assert.True(long.TryParse(id, out _), $"experiment id '{id}' is not an integer");
        var byId = await Store.GetExperimentAsync(id);
        Assert.NotNull(byId);
        Assert.Equal(name, byId.Name);
        Assert.Equal("active", byId.LifecycleStage);
        Assert.InRange(byId.CreationTime, before, before + 60_000);
        Assert.Equal(byId.CreationTime, byId.LastUpdateTime);
        Assert.Equal([new ExperimentTag("owner", "ann"), new ExperimentTag("team", "vision")], byId.Tags);

        var byName = await Store.GetExperimentByNameAsync(name);
        Assert.Equal(id, byName!.ExperimentId);
        Assert.Contains(await Store.ListExperimentsAsync(), e => e.ExperimentId == id && e.Tags.Count == 2);
    }

    [Fact]
    public async Task Duplicate_experiment_name_is_RESOURCE_ALREADY_EXISTS()
    {
        var name = Unique("dup");
        await Store.CreateExperimentAsync(name);
        var ex = await ThrowsStoreError(ErrorCodes.ResourceAlreadyExists, () => Store.CreateExperimentAsync(name));
        Assert.Contains(name, ex.Message);
    }

    [Fact]
    public async Task Unknown_experiment_reads_as_null()
    {
        Assert.Null(await Store.GetExperimentAsync("987654321"));
        Assert.Null(await Store.GetExperimentAsync("not-a-number"));
        Assert.Null(await Store.GetExperimentByNameAsync(Unique("missing")));
    }

    [Fact]
    public async Task GetOrCreate_from_many_tasks_yields_one_experiment()
    {
        var name = Unique("shared");
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.GetOrCreateExperimentAsync(name))));
        Assert.Single(ids.Distinct());
        Assert.Equal(ids[0], await Store.GetOrCreateExperimentAsync(name));
    }

    [Fact]
    public async Task A_fresh_store_has_the_Default_experiment_0_and_numbers_new_ones_from_1()
    {
        var store = await NewStoreAsync("fresh_ids");
        await store.MigrateAsync();
        await store.MigrateAsync();
        var defaultExperiment = Assert.Single(await store.ListExperimentsAsync());
        Assert.Equal(("0", "Default", "active"), (defaultExperiment.ExperimentId, defaultExperiment.Name, defaultExperiment.LifecycleStage));
        Assert.Equal("0", (await store.GetExperimentByNameAsync("Default"))!.ExperimentId);
        Assert.Equal("1", await store.CreateExperimentAsync(Unique("first")));
        Assert.Equal("2", await store.CreateExperimentAsync(Unique("second")));
        var run = await store.CreateRunAsync(new NewRun("0", null, null, 1, RunStatus.RUNNING, []));
        Assert.Equal("0", run.ExperimentId);
    }

    [Fact]
    public async Task Default_experiment_is_not_recreated_once_the_store_has_experiments()
    {
        var store = await NewStoreAsync("default_once");
        await store.MigrateAsync();
        await store.PermanentlyDeleteExperimentAsync("0");
        await store.CreateExperimentAsync(Unique("other"));
        await store.MigrateAsync();
        Assert.Null(await store.GetExperimentAsync("0"));
    }

    [Fact]
    public async Task Artifact_location_without_an_artifact_root_is_INVALID_PARAMETER_VALUE()
    {
        var ex = await ThrowsStoreError(ErrorCodes.InvalidParameterValue, () => Store.CreateExperimentAsync(Unique("located"), null, "models"));
        Assert.Contains("artifact root", ex.Message);
    }
}
