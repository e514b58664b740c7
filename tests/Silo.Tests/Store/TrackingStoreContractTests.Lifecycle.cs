using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Silo.Search;
using Platform.Silo.Store;

namespace Platform.Silo.Tests.Store;

public abstract partial class TrackingStoreContractTests
{
    [Fact]
    public async Task Soft_delete_and_restore_cascade_from_experiment_to_runs()
    {
        var exp = await NewExperimentAsync();
        var run = await NewRunIdAsync(exp);
        var deletedEarlier = await NewRunIdAsync(exp);
        await Store.DeleteRunAsync(deletedEarlier);
        await Store.DeleteExperimentAsync(exp);
        Assert.Equal(LifecycleStages.Deleted, (await Store.GetRunAsync(run))!.Info.LifecycleStage);
        await ThrowsStoreError(ErrorCodes.InvalidParameterValue, () => Store.LogBatchAsync(run, [new Metric("m", 1, 1, 0)], [], []));
        await ThrowsStoreError(ErrorCodes.InvalidParameterValue, () => Store.SetExperimentTagAsync(exp, "k", "v"));
        await Store.RestoreExperimentAsync(exp);
        Assert.Equal(LifecycleStages.Active, (await Store.GetRunAsync(run))!.Info.LifecycleStage);
        // Restoring the experiment brings back what its deletion took, including a run deleted before it... as MLflow does.
        Assert.Equal(LifecycleStages.Active, (await Store.GetRunAsync(deletedEarlier))!.Info.LifecycleStage);
    }

    [Fact]
    public async Task Permanent_deletion_removes_all_data()
    {
        var exp = await NewExperimentAsync();
        var run = await NewRunIdAsync(exp);
        await Store.LogBatchAsync(run, [new Metric("m", 1, 1, 0)], [new Param("p", "1")], [new RunTag("t", "1")]);
        await Store.LogInputsAsync(run, [new DatasetInput([], new Dataset("d", "1", "local", "/d"))]);
        await Store.PermanentlyDeleteRunAsync(run);
        Assert.Null(await Store.GetRunAsync(run));
        Assert.Empty(await Store.GetMetricHistoryAsync(run, "m"));
        await ThrowsStoreError(ErrorCodes.ResourceDoesNotExist, () => Store.PermanentlyDeleteRunAsync(run));
        var other = await NewRunIdAsync(exp);
        await Store.LogBatchAsync(other, Enumerable.Range(0, 100).Select(i => new Metric("m", i, i, i)).ToList(), [], []);
        await Store.PermanentlyDeleteExperimentAsync(exp);
        Assert.Null(await Store.GetRunAsync(other));
        Assert.Empty(await Store.GetMetricHistoryAsync(other, "m"));
        Assert.Null(await Store.GetExperimentAsync(exp));
        await ThrowsStoreError(ErrorCodes.ResourceDoesNotExist, () => Store.PermanentlyDeleteExperimentAsync(exp));
    }

    [Fact]
    public async Task Rename_tag_and_delete_tag()
    {
        var exp = await NewExperimentAsync();
        var taken = await NewExperimentAsync();
        var takenName = (await Store.GetExperimentAsync(taken))!.Name;
        await ThrowsStoreError(ErrorCodes.ResourceAlreadyExists, () => Store.RenameExperimentAsync(exp, takenName));
        var newName = Unique("renamed");
        await Store.RenameExperimentAsync(exp, newName);
        await Store.SetExperimentTagAsync(exp, "k", "1");
        await Store.SetExperimentTagAsync(exp, "k", "2");
        var experiment = (await Store.GetExperimentAsync(exp))!;
        Assert.Equal(newName, experiment.Name);
        Assert.Equal([new ExperimentTag("k", "2")], experiment.Tags);

        var run = await NewRunIdAsync(exp);
        await Store.LogBatchAsync(run, [], [], [new RunTag("t", "v")]);
        await Store.DeleteTagAsync(run, "t");
        Assert.Null((await Store.GetRunAsync(run))!.Data.Tag("t"));
        await ThrowsStoreError(ErrorCodes.ResourceDoesNotExist, () => Store.DeleteTagAsync(run, "t"));
    }

    [Fact]
    public async Task Metric_summaries_exclude_nan_from_min_and_max()
    {
        var run = await NewRunIdAsync();
        await Store.LogBatchAsync(run, [new Metric("m", 3, 1, 0), new Metric("m", double.NaN, 1, 1), new Metric("m", -2, 1, 2), new Metric("n", double.NaN, 1, 0)], [], []);
        var summaries = await Store.GetMetricSummariesAsync(run);
        Assert.Equal(new MetricSummary("m", -2, 3, new Metric("m", -2, 1, 2), 3), summaries[0]);
        Assert.Null(summaries[1].Min);
        Assert.True(double.IsNaN(summaries[1].Last.Value));
    }

    [Fact]
    public async Task Search_runs_with_filter_order_and_pages()
    {
        var exp = await NewExperimentAsync();
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var id = await NewRunIdAsync(exp, startTime: i);
            ids.Add(id);
            await Store.LogBatchAsync(id, [new Metric("cost", 10 - i, 1, 0)], [new Param("even", (i % 2 == 0).ToString())], []);
        }
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.SearchRunsAsync(new RunSearchQuery([exp], "params.even = 'True'", MaxResults: 2, OrderBy: ["metrics.cost ASC"], PageToken: token));
            seen.AddRange(page.Runs.Select(r => r.Info.RunId));
            token = page.NextPageToken;
        }
        while (token is not null);
        Assert.Equal([ids[6], ids[4], ids[2], ids[0]], seen);
        await Assert.ThrowsAsync<SearchSyntaxException>(() => Store.SearchRunsAsync(new RunSearchQuery([exp], "metrics.cost >")));
    }
}
