using System.Text.RegularExpressions;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;

namespace Platform.Silo.Tests.Store;

public abstract partial class TrackingStoreContractTests
{
    [Fact]
    public async Task Created_run_gets_hex_id_default_name_and_runName_tag()
    {
        var experimentId = await NewExperimentAsync();
        var info = await Store.CreateRunAsync(new NewRun(experimentId, null, null, 1234, RunStatus.RUNNING, [new RunTag("k", "v")]));

        Assert.Matches(new Regex("^[0-9a-f]{32}$"), info.RunId);
        Assert.Equal(info.RunId[..8], info.RunName);
        Assert.Equal(experimentId, info.ExperimentId);
        Assert.Equal(RunStatus.RUNNING, info.Status);
        Assert.Equal(1234, info.StartTime);
        Assert.Null(info.EndTime);
        Assert.Equal("active", info.LifecycleStage);

        var run = await Store.GetRunAsync(info.RunId);
        Assert.Equal(info, run!.Info);
        Assert.Equal("v", run.Data.Tag("k"));
        Assert.Equal(info.RunName, run.Data.Tag(PlatformTags.RunName));
        Assert.Empty(run.Data.Metrics);
        Assert.Empty(run.Data.Params);
    }

    [Fact]
    public async Task Create_with_existing_run_id_returns_the_stored_run()
    {
        var experimentId = await NewExperimentAsync();
        var runId = Guid.NewGuid().ToString("N");
        var first = await Store.CreateRunAsync(new NewRun(experimentId, runId, "first", 10, RunStatus.SCHEDULED, []));
        var retry = await Store.CreateRunAsync(new NewRun(experimentId, runId, "second", 20, RunStatus.RUNNING, []));

        Assert.Equal("first", first.RunName);
        Assert.Equal(first, retry);
        Assert.Single(await Store.SearchRunsAsync([experimentId]));
    }

    [Fact]
    public async Task Run_in_unknown_experiment_is_RESOURCE_DOES_NOT_EXIST()
    {
        await ThrowsStoreError(ErrorCodes.ResourceDoesNotExist,
            () => Store.CreateRunAsync(new NewRun("987654321", null, null, 1, RunStatus.RUNNING, [])));
        await ThrowsStoreError(ErrorCodes.ResourceDoesNotExist,
            () => Store.CreateRunAsync(new NewRun("nope", null, null, 1, RunStatus.RUNNING, [])));
    }

    [Fact]
    public async Task Update_sets_status_end_time_and_name()
    {
        var runId = await NewRunIdAsync();
        var statusOnly = await Store.UpdateRunAsync(runId, RunStatus.RUNNING, null);
        Assert.Null(statusOnly.EndTime);

        var info = await Store.UpdateRunAsync(runId, RunStatus.FINISHED, 5_000, "renamed");
        Assert.Equal(RunStatus.FINISHED, info.Status);
        Assert.Equal(5_000, info.EndTime);
        Assert.Equal("renamed", info.RunName);

        var run = await Store.GetRunAsync(runId);
        Assert.Equal(info, run!.Info);
        Assert.Equal("renamed", run.Data.Tag(PlatformTags.RunName));
    }

    [Fact]
    public async Task Setting_the_runName_tag_renames_the_run_as_in_MLflow()
    {
        var runId = await NewRunIdAsync();

        await Store.LogBatchAsync(runId, [], [], [new RunTag(PlatformTags.RunName, "first"), new RunTag("k", "v"), new RunTag(PlatformTags.RunName, "second")]);

        var run = await Store.GetRunAsync(runId);
        Assert.Equal("second", run!.Info.RunName);
        Assert.Equal("second", run.Data.Tag(PlatformTags.RunName));
        Assert.Equal("v", run.Data.Tag("k"));
    }

    [Fact]
    public async Task Unknown_run_is_null_on_read_and_RESOURCE_DOES_NOT_EXIST_on_write()
    {
        var missing = Guid.NewGuid().ToString("N");
        Assert.Null(await Store.GetRunAsync(missing));
        await ThrowsStoreError(ErrorCodes.ResourceDoesNotExist, () => Store.UpdateRunAsync(missing, RunStatus.FAILED, 1));
        await ThrowsStoreError(ErrorCodes.ResourceDoesNotExist, () => Store.LogBatchAsync(missing, [new Metric("m", 1, 1, 1)], [], []));
    }

    [Fact]
    public async Task Search_returns_runs_of_the_given_experiments_newest_first_with_data()
    {
        var a = await NewExperimentAsync();
        var b = await NewExperimentAsync();
        var other = await NewExperimentAsync();
        var oldest = await NewRunIdAsync(a, startTime: 100);
        var newest = await NewRunIdAsync(b, startTime: 300);
        var middle = await NewRunIdAsync(a, startTime: 200);
        await NewRunIdAsync(other, startTime: 400);
        await Store.LogBatchAsync(middle, [new Metric("acc", 0.5, 1, 0), new Metric("acc", 0.7, 2, 1)], [new Param("lr", "0.1")], [new RunTag("t", "x")]);

        var runs = await Store.SearchRunsAsync([a, b, "not-a-number"]);
        Assert.Equal([newest, middle, oldest], runs.Select(r => r.Info.RunId));
        var withData = runs[1].Data;
        Assert.Equal([new Metric("acc", 0.7, 2, 1)], withData.Metrics);
        Assert.Equal("0.1", withData.Param("lr"));
        Assert.Equal("x", withData.Tag("t"));

        Assert.Equal([newest], (await Store.SearchRunsAsync([a, b], maxResults: 1)).Select(r => r.Info.RunId));
        Assert.Empty(await Store.SearchRunsAsync([]));
    }

    [Fact]
    public async Task Sweeps_upsert_get_and_list()
    {
        var experimentId = await NewExperimentAsync();
        var id = Unique("sweep");
        var sweep = new SweepRecord(id, experimentId, "assign-1", "trials: 3\n", "RUNNING", [], 1_000);
        await Store.UpsertSweepAsync(sweep);
        var stored = await Store.GetSweepAsync(id);
        Assert.Equal(sweep with { RunIds = [] }, stored! with { RunIds = [] });
        Assert.Empty(stored.RunIds);

        await Store.UpsertSweepAsync(sweep with { State = "FINISHED", RunIds = ["r1", "r2"] });
        var updated = await Store.GetSweepAsync(id);
        Assert.Equal("FINISHED", updated!.State);
        Assert.Equal(["r1", "r2"], updated.RunIds);

        Assert.Single(await Store.ListSweepsAsync(), s => s.SweepId == id);
        Assert.Null(await Store.GetSweepAsync(Unique("missing")));
    }

    [Fact]
    public async Task Sweep_search_state_and_trials_round_trip_and_unfinished_trials_are_listed()
    {
        var experimentId = await NewExperimentAsync();
        var sweepId = Unique("sweep");
        var sweep = new SweepRecord(sweepId, experimentId, "sleep", "yaml", "RUNNING", ["t1", "t2"], 1_000, "bayes", 1234567, 2);
        await Store.UpsertSweepAsync(sweep);
        Assert.Equal(("bayes", 1234567L, 2L), await Store.GetSweepAsync(sweepId) is { } s ? (s.Method, s.Seed, s.Issued) : default);

        var queued = new TrialRecord(Unique("t"), sweepId, 0, "Queued", 0, "{}", 1);
        var running = new TrialRecord(Unique("t"), sweepId, 1, "Running", 1, "{}", 2);
        var single = new TrialRecord(Unique("t"), null, 0, "Leased", 0, "{}", 3);
        foreach (var trial in new[] { queued, running, single })
        {
            await Store.WriteTrialAsync(new TrialWrite(trial));
        }

        await Store.WriteTrialAsync(new TrialWrite(queued with { State = "Finished", UpdatedAt = 4 }));

        Assert.Equal([queued with { State = "Finished", UpdatedAt = 4 }, running], await Store.ListSweepTrialsAsync(sweepId));
        Assert.Equal(single, await Store.GetTrialAsync(single.RunId));
        var unfinished = await Store.ListUnfinishedTrialsAsync(["Finished", "Failed", "Pruned", "Cancelled"]);
        Assert.Contains(running, unfinished);
        Assert.Contains(single, unfinished);
        Assert.DoesNotContain(unfinished, t => t.RunId == queued.RunId);
    }
}
