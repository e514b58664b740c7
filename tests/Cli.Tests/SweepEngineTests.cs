using Platform.Cli.Tests.Infrastructure;
using Platform.Contracts.Api;
using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;

namespace Platform.Cli.Tests;

/// <summary>The sweep engine end to end on an embedded platform, with the built-in <c>sleep</c> job so trials are quick and predictable.</summary>
public sealed class SweepEngineTests() : EmbeddedPlatformTest("platform-sweep-engine")
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    [Theory]
    [InlineData("random")]
    [InlineData("bayes")]
    public async Task Sampled_sweep_runs_run_cap_trials_and_finishes(string method)
    {
        var submitted = await Platform.Client.SubmitSweepAsync($$"""
            assignment: sleep
            method: {{method}}
            metric: {name: loss, goal: minimize}
            run_cap: 6
            parameters:
              slope: {distribution: uniform, min: -0.1, max: 0.1}
              steps: {value: 3}
            """);

        var sweep = await Platform.Client.WaitForSweepAsync(submitted.SweepId!, Poll);
        var runs = await Platform.Client.WaitForRunsAsync(sweep.RunIds, Poll);

        Assert.Equal(SweepStates.Finished, sweep.State);
        Assert.Equal(6, runs.Count);
        Assert.All(runs, r => Assert.Equal(RunStatus.FINISHED, r.Info.Status));
        Assert.Equal(6, runs.Select(r => r.Data.Param("slope")).Distinct().Count());
        Assert.Equal(6, sweep.Trials!["finished"]);
    }

    [Fact]
    public async Task Asha_prunes_the_trial_that_falls_behind_at_the_first_rung_and_keeps_its_metrics()
    {
        // One worker runs the grid in order. At rung 3 the third trial (loss 1.03) is not in the top 1/3 of {1.0, 0.97, 1.03}.
        var runs = await RunGridWhereTheThirdIsPrunedAsync("{type: hyperband, min_iter: 3, eta: 3}", "[0.0, -0.01, 0.01, -0.02]");

        Assert.Equal("not in the top 1/3 of 3 trials at rung 0 (step 3)", runs[2].Data.Tag(TrialTags.PruneReason));
        var pruned = await Platform.Client.Tracking.GetMetricHistoryAsync(runs[2].Info.RunId, "loss");
        Assert.InRange(pruned.Count, 3, 9); // kept up to the rung, stopped well before step 10
        Assert.Equal(1.03, pruned[2].Value, 9);
    }

    [Fact]
    public async Task Median_rule_prunes_a_trial_whose_best_is_worse_than_the_finished_trials_running_averages()
    {
        // One worker runs the grid in order; the rule acts from step 2 once two trials finished. At step 2 their running
        // averages are 0.985 and 0.97 (median 0.9775): the rising trial's best, 1.01, is worse; the falling one's, 0.94, is not.
        var runs = await RunGridWhereTheThirdIsPrunedAsync("{type: median, min_iter: 2, min_trials: 2}", "[-0.01, -0.02, 0.01, -0.03]");

        Assert.Matches(@"^best 1\.01 by step \d+ is worse than the median 0\.9\d* of 2 completed trials' running averages$", runs[2].Data.Tag(TrialTags.PruneReason));
        var pruned = await Platform.Client.Tracking.GetMetricHistoryAsync(runs[2].Info.RunId, "loss");
        Assert.InRange(pruned.Count, 2, 9); // stopped well before step 10
        Assert.Equal(10, (await Platform.Client.Tracking.GetMetricHistoryAsync(runs[3].Info.RunId, "loss")).Count);
    }

    /// <summary>A grid of four 10-step sleep trials by slope under the early stopping given, run to its end by one worker.</summary>
    private async Task<IReadOnlyList<Run>> RunGridWhereTheThirdIsPrunedAsync(string earlyTerminate, string slopes)
    {
        var submitted = await Platform.Client.SubmitSweepAsync($$"""
            assignment: sleep
            method: grid
            metric: {name: loss, goal: minimize}
            early_terminate: {{earlyTerminate}}
            parameters:
              slope: {values: {{slopes}}}
              steps: {value: 10}
              duration_ms: {value: 400}
            """);

        var sweep = await Platform.Client.WaitForSweepAsync(submitted.SweepId!, Poll);
        var runs = await Platform.Client.WaitForRunsAsync(sweep.RunIds, Poll);

        Assert.Equal(SweepStates.Finished, sweep.State);
        Assert.Equal([RunStatus.FINISHED, RunStatus.FINISHED, RunStatus.KILLED, RunStatus.FINISHED], runs.Select(r => r.Info.Status));
        Assert.Equal(TrialTags.Pruned, runs[2].Data.Tag(TrialTags.Outcome));
        return runs;
    }

    [Fact]
    public async Task Cancelled_running_run_stops_within_two_seconds_as_killed_cancelled()
    {
        var submitted = await Platform.Client.SubmitRunAsync(new RunSubmission("sleep", new Dictionary<string, string> { ["duration_ms"] = "60000", ["steps"] = "600" }));
        var runId = submitted.RunIds.Single();
        await WaitForStatusAsync(runId, RunStatus.RUNNING);

        var started = DateTime.UtcNow;
        var cancelled = await Platform.Client.CancelRunAsync(runId);
        // The one worker runs trials one at a time: the next run can only start once the cancelled job has stopped.
        var next = await Platform.Client.SubmitRunAsync(new RunSubmission("sleep"));
        await WaitForStatusAsync(next.RunIds.Single(), RunStatus.RUNNING);
        var stoppedWithin = DateTime.UtcNow - started;
        await Platform.Client.WaitForRunsAsync(next.RunIds, Poll);
        var run = await Platform.Client.Tracking.GetRunAsync(runId);

        Assert.Equal("KILLED", cancelled.Status);
        Assert.Equal(RunStatus.KILLED, run.Info.Status);
        Assert.Equal(TrialTags.Cancelled, run.Data.Tag(TrialTags.Outcome));
        Assert.True(stoppedWithin < TimeSpan.FromSeconds(2), $"the worker took {stoppedWithin} to stop");
    }

    [Fact]
    public async Task Cancelled_sweep_kills_its_trials_and_refuses_to_resume()
    {
        var submitted = await Platform.Client.SubmitSweepAsync("""
            assignment: sleep
            method: random
            parameters:
              slope: {distribution: uniform, min: -0.1, max: 0.1}
              duration_ms: {value: 60000}
            """);
        await WaitForStatusAsync(submitted.RunIds[0], RunStatus.RUNNING);

        var cancelled = await Platform.Client.CancelSweepAsync(submitted.SweepId!);
        var runs = await Platform.Client.WaitForRunsAsync(cancelled.RunIds, Poll);
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => Platform.Client.ResumeSweepAsync(submitted.SweepId!));

        Assert.Equal(SweepStates.Cancelled, cancelled.State);
        Assert.Equal(4, runs.Count); // random sweeps run four trials at once
        Assert.All(runs, r => Assert.Equal(RunStatus.KILLED, r.Info.Status));
        Assert.Equal(ErrorCodes.InvalidState, refused.ErrorCode);
        Assert.Equal("cannot resume a cancelled sweep", refused.Message);
    }

    [Fact]
    public async Task Paused_sweep_leases_nothing_new_and_finishes_after_resume()
    {
        var submitted = await Platform.Client.SubmitSweepAsync(ThreeSleeps(durationMs: 300));

        var paused = await Platform.Client.PauseSweepAsync(submitted.SweepId!);
        await WaitForWorkerIdleAsync();
        var whilePaused = await Platform.Client.GetSweepAsync(submitted.SweepId!);
        var resumed = await Platform.Client.ResumeSweepAsync(submitted.SweepId!);
        var finished = await Platform.Client.WaitForSweepAsync(submitted.SweepId!, Poll);

        Assert.Equal(SweepStates.Paused, paused.State);
        Assert.True(whilePaused.Trials!.GetValueOrDefault("paused") >= 2, string.Join(", ", whilePaused.Trials!));
        Assert.Equal(SweepStates.Running, resumed.State);
        Assert.Equal(SweepStates.Finished, finished.State);
        Assert.Equal(3, finished.Trials!["finished"]);
    }

    [Fact]
    public async Task Control_of_an_unknown_sweep_or_run_is_resource_does_not_exist()
    {
        var sweep = await Assert.ThrowsAsync<PlatformApiException>(() => Platform.Client.PauseSweepAsync("nope"));
        var run = await Assert.ThrowsAsync<PlatformApiException>(() => Platform.Client.CancelRunAsync("nope"));

        Assert.Equal((ErrorCodes.ResourceDoesNotExist, 404), (sweep.ErrorCode, sweep.HttpStatus));
        Assert.Equal((ErrorCodes.ResourceDoesNotExist, 404), (run.ErrorCode, run.HttpStatus));
    }

    [Fact]
    public async Task Unfinished_sweep_continues_after_a_fullPlatform_restart_and_each_trial_ends_once()
    {
        var submitted = await Platform.Client.SubmitSweepAsync(ThreeSleeps(durationMs: 1500));
        await WaitForStatusAsync(submitted.RunIds[0], RunStatus.RUNNING);

        await RestartPlatformAsync();
        var sweep = await Platform.Client.WaitForSweepAsync(submitted.SweepId!, Poll);
        var runs = await Platform.Client.WaitForRunsAsync(sweep.RunIds, Poll);

        Assert.Equal(SweepStates.Finished, sweep.State);
        Assert.Equal(submitted.RunIds, sweep.RunIds);
        Assert.All(runs, r => Assert.True(r.Info.Status == RunStatus.FINISHED, $"{r.Info.Status}: {r.Data.Tag(PlatformTags.Error)}"));
        Assert.Equal(new Dictionary<string, int> { ["finished"] = 3 }, sweep.Trials);
        // The trial that was running when the platform stopped ran again from the start: its first attempt's points are gone,
        // so every run holds each step exactly once.
        foreach (var run in runs)
        {
            var history = await Platform.Client.Tracking.GetMetricHistoryAsync(run.Info.RunId, "loss");
            Assert.Equal([1L, 2, 3], history.Select(p => p.Step));
        }
    }

    private static string ThreeSleeps(int durationMs) => $$"""
        assignment: sleep
        method: grid
        parameters:
          slope: {values: [0.1, 0.2, 0.3]}
          duration_ms: {value: {{durationMs}}}
          steps: {value: 3}
        """;

    private async Task WaitForStatusAsync(string runId, RunStatus status)
    {
        while ((await Platform.Client.Tracking.GetRunAsync(runId)).Info.Status != status)
        {
            await Task.Delay(Poll);
        }
    }

    /// <summary>Until no run of the platform is RUNNING (the one worker is free).</summary>
    private async Task WaitForWorkerIdleAsync()
    {
        while (true)
        {
            var experiments = await Platform.Client.Tracking.SearchExperimentsAsync();
            var runs = (await Platform.Client.Tracking.SearchRunsAsync(experiments.Select(e => e.ExperimentId).ToArray())).Runs ?? [];
            if (runs.All(r => r.Info.Status != RunStatus.RUNNING))
            {
                return;
            }

            await Task.Delay(Poll);
        }
    }
}
