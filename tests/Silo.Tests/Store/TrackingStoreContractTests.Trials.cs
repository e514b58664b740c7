using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;

namespace Platform.Silo.Tests.Store;

// Trial transitions: one write each (run, params, tags, trial row, status, lifecycle line), committed in groups.
public abstract partial class TrackingStoreContractTests
{
    private static TrialRecord Trial(string runId, string state) => new(runId, null, 0, state, 0, "{\"spec\":1}", 7);

    [Fact]
    public async Task A_trial_write_creates_the_run_with_params_row_and_log_line_and_a_retry_keeps_it()
    {
        var exp = await NewExperimentAsync();
        var runId = Unique("trial").Replace("-", "", StringComparison.Ordinal);
        var submit = new TrialWrite(Trial(runId, "Queued"),
            new NewRun(exp, null, "t0", 1_000, RunStatus.SCHEDULED, [new RunTag("platform.assignment", "sleep")]),
            [new Param("lr", "0.1"), new Param("steps", "3")], LogLine: new NewRunLogLine(1_000, "queued"));
        await Store.WriteTrialAsync(submit);
        await Store.WriteTrialAsync(submit); // a retried submission: the run is kept, nothing doubles

        var run = (await Store.GetRunAsync(runId))!;
        Assert.Equal((exp, "t0", RunStatus.SCHEDULED), (run.Info.ExperimentId, run.Info.RunName, run.Info.Status));
        Assert.Equal(("0.1", "3", "sleep"), (run.Data.Param("lr"), run.Data.Param("steps"), run.Data.Tag("platform.assignment")));
        Assert.Equal(Trial(runId, "Queued"), await Store.GetTrialAsync(runId));
        Assert.Equal(["queued", "queued"], (await Store.GetRunLogsAsync(runId, 0, 10)).Select(l => l.Message));

        await Store.WriteTrialAsync(new TrialWrite(Trial(runId, "Finished") with { UpdatedAt = 9 }, Tags: [new RunTag("outcome", "ok")],
            RunStatus: RunStatus.FINISHED, EndTime: 5_000, LogLine: new NewRunLogLine(5_000, "finished")));
        run = (await Store.GetRunAsync(runId))!;
        Assert.Equal((RunStatus.FINISHED, (long?)5_000, "ok"), (run.Info.Status, run.Info.EndTime, run.Data.Tag("outcome")));
        Assert.Equal("Finished", (await Store.GetTrialAsync(runId))!.State);
        var lines = await Store.GetRunLogsAsync(runId, 0, 10);
        Assert.Equal(("finished", RunLogLimits.PlatformSource), (lines[^1].Message, lines[^1].Source));
    }

    [Fact]
    public async Task Concurrent_trial_writes_commit_together_and_a_refused_one_leaves_nothing()
    {
        var exp = await NewExperimentAsync();
        var runs = new List<string>();
        for (var i = 0; i < 8; i++)
            runs.Add(await NewRunIdAsync(exp));
        await Store.LogBatchAsync(runs[3], [], [new Param("lr", "0.01")], []);

        var outcome = await Task.WhenAll(runs.Select(async (run, i) =>
        {
            try
            {
                await Store.WriteTrialAsync(new TrialWrite(Trial(run, "Running"), Params: i == 3 ? [new Param("lr", "0.5")] : null,
                    Tags: [new RunTag("platform.worker", $"w{i}")], RunStatus: RunStatus.RUNNING, LogLine: new NewRunLogLine(2_000, "running")));
                return "ok";
            }
            catch (TrackingStoreException e)
            {
                return e.ErrorCode;
            }
        }));

        Assert.Equal(["ok", "ok", "ok", ErrorCodes.InvalidParameterValue, "ok", "ok", "ok", "ok"], outcome);
        for (var i = 0; i < 8; i++)
        {
            var run = (await Store.GetRunAsync(runs[i]))!;
            var trial = await Store.GetTrialAsync(runs[i]);
            var lines = await Store.GetRunLogsAsync(runs[i], 0, 10);
            if (i == 3)
                Assert.Equal((RunStatus.RUNNING, (string?)null, (TrialRecord?)null, 0), (run.Info.Status, run.Data.Tag("platform.worker"), trial, lines.Count));
            else
                Assert.Equal(("Running", $"w{i}", 1), (trial!.State, run.Data.Tag("platform.worker"), lines.Count));
        }
    }

    [Fact]
    public async Task A_trial_write_skips_the_log_line_of_a_deleted_run_refuses_its_tags_and_fails_for_an_unknown_run()
    {
        var runId = await NewRunIdAsync();
        await Store.DeleteRunAsync(runId);
        await Store.WriteTrialAsync(new TrialWrite(Trial(runId, "Cancelled"), RunStatus: RunStatus.KILLED, EndTime: 3, LogLine: new NewRunLogLine(3, "cancelled")));
        Assert.Equal(RunStatus.KILLED, (await Store.GetRunAsync(runId))!.Info.Status);
        Assert.Empty(await Store.GetRunLogsAsync(runId, 0, 10));

        // Tags are refused on a deleted run, as a log-batch's are, and the refused write changes nothing.
        await ThrowsStoreError(ErrorCodes.InvalidParameterValue, () => Store.WriteTrialAsync(new TrialWrite(Trial(runId, "Finished"),
            Tags: [new RunTag("outcome", "ok")], RunStatus: RunStatus.FINISHED, EndTime: 4, LogLine: new NewRunLogLine(4, "finished"))));
        var run = (await Store.GetRunAsync(runId))!;
        Assert.Equal((RunStatus.KILLED, (long?)3, (string?)null), (run.Info.Status, run.Info.EndTime, run.Data.Tag("outcome")));
        Assert.Equal("Cancelled", (await Store.GetTrialAsync(runId))!.State);

        var unknown = Unique("nope");
        await ThrowsStoreError(ErrorCodes.ResourceDoesNotExist,
            () => Store.WriteTrialAsync(new TrialWrite(Trial(unknown, "Running"), RunStatus: RunStatus.RUNNING)));
        Assert.Null(await Store.GetTrialAsync(unknown));
    }
}
