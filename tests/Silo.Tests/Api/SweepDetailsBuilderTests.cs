using Platform.Contracts.Api;
using Platform.Contracts.Sweeps;
using Platform.Contracts.Tracking;
using Platform.Silo.Api;
using Platform.Silo.Store;

namespace Platform.Silo.Tests.Api;

public sealed class SweepDetailsBuilderTests
{
    private static readonly SweepView View = new("s1", "sleep", "1", "RUNNING", ["r0", "r1", "r2", "r3"], 0, "random");

    [Fact]
    public void Rungs_record_the_first_value_at_or_after_each_rung_and_mark_pruned_trials()
    {
        var spec = SweepSpecParser.Parse("""
            assignment: sleep
            method: random
            metric: {name: loss, goal: minimize}
            early_terminate: {type: hyperband, min_iter: 2, eta: 2}
            parameters: {slope: {min: -0.1, max: -0.01}}
            """);
        // Rungs at steps 2, 4, 8, ...: r0 logs every step to 9; r1 was pruned after step 5; r2 logs sparsely (steps 3 and 9).
        var trials = new[]
        {
            Data("r0", 0, "Finished", Steps(1, 9)),
            Data("r1", 1, "Pruned", Steps(1, 5), [new RunTag(Platform.Contracts.Grains.TrialTags.PruneReason, "not in the top 1/2")]),
            Data("r2", 2, "Running", [Point(3, 0.7), Point(9, 0.2)]),
            Data("r3", 3, "Queued", []),
        };

        var details = SweepDetailsBuilder.Build(View, spec, "yaml", trials, maxPoints: 3);

        var rungs = details.Rungs!;
        Assert.Equal(2, rungs.Eta);
        Assert.Equal([2L, 4, 8, 16], rungs.Steps.Take(4));
        Assert.Equal([0.8, 0.6, 0.2], rungs.Trials[0].Reached.Select(r => Math.Round(r.Value, 9)));
        Assert.Equal([2L, 4], rungs.Trials[1].Reached.Select(r => r.Step));
        Assert.True(rungs.Trials[1].Pruned);
        // Sparse reports pass several rungs with one value each, as ASHA judges them.
        Assert.Equal([0.7, 0.2, 0.2], rungs.Trials[2].Reached.Select(r => r.Value));
        Assert.Empty(rungs.Trials[3].Reached);
        // The answer's histories are downsampled; the rungs above were judged on the full ones.
        Assert.Equal(3, details.Trials[0].History.Count);
        Assert.Equal(("finished", 0.1), (details.Trials[0].State, Math.Round(details.Trials[0].Value!.Value, 9)));
        Assert.Equal([null, "not in the top 1/2", null, null], details.Trials.Select(t => t.Reason));
    }

    [Fact]
    public void The_best_trial_is_the_best_finished_one_else_the_best_running_one_by_the_goal()
    {
        SweepTrialView Trial(int index, string state, double? value) =>
            new($"r{index}", null, index, state, new Dictionary<string, string>(), value, 10, []);

        var finishedAndRunning = new[] { Trial(0, "running", 0.99), Trial(1, "finished", 0.8), Trial(2, "pruned", 0.95), Trial(3, "finished", 0.9) };
        Assert.Equal("r3", SweepDetailsBuilder.Best(finishedAndRunning, MetricGoal.Maximize)!.RunId);
        Assert.Equal("r1", SweepDetailsBuilder.Best(finishedAndRunning, MetricGoal.Minimize)!.RunId);

        var onlyRunning = new[] { Trial(0, "running", 0.5), Trial(1, "running", double.NaN), Trial(2, "failed", 0.1) };
        Assert.Equal("r0", SweepDetailsBuilder.Best(onlyRunning, MetricGoal.Minimize)!.RunId);
        Assert.Null(SweepDetailsBuilder.Best([Trial(0, "queued", null)], MetricGoal.Minimize));
    }

    private static Metric Point(long step, double value) => new("loss", value, 1000 + step, step);

    private static Metric[] Steps(int from, int to) => Enumerable.Range(from, to - from + 1).Select(s => Point(s, 1 - 0.1 * s)).ToArray();

    private static SweepDetailsBuilder.TrialData Data(string runId, int index, string state, Metric[] history, RunTag[]? tags = null) =>
        new(new TrialRecord(runId, "s1", index, state, 0, "{}", 0),
            history.Length == 0 ? null : new Run(new RunInfo(runId, "1", runId, RunStatus.RUNNING, 1, null, "", "active"),
                new RunData([history[^1]], [], tags ?? [])),
            history);
}
