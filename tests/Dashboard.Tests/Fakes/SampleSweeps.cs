using Platform.Contracts.Api;
using Platform.Contracts.Tracking;

namespace Platform.Dashboard.Tests.Fakes;

/// <summary>A running ASHA sweep of the sleep job: one trial finished, one pruned at rung 1, two still running.</summary>
public static class SampleSweeps
{
    public const string SweepId = "5eedc0de5eedc0de5eedc0de5eedc0de";

    public const string Yaml = """
        assignment: sleep
        name: sleep-asha
        method: random
        run_cap: 4
        metric:
          name: loss
          goal: minimize
        early_terminate:
          type: hyperband
          min_iter: 1
          eta: 3
        parameters:
          slope:
            min: -0.1
            max: -0.01
        """;

    public static string RunId(int index) => $"7e1a1000000000000000000000000{index:000}";

    public static SweepDetails Running()
    {
        var trials = new[]
        {
            Trial(0, "finished", -0.09, 10),
            Trial(1, "pruned", -0.02, 3) with { Reason = "not in the top 1/3 of 2 trials at rung 1 (step 3)" },
            Trial(2, "running", -0.05, 6),
            Trial(3, "running", -0.07, 2),
        };
        var counts = new Dictionary<string, int> { ["finished"] = 1, ["pruned"] = 1, ["running"] = 2 };
        var view = new SweepView(SweepId, "sleep", "1", SweepStates.Running, trials.Select(t => t.RunId).ToArray(), SampleData.T0, "random", counts, "sleep-asha");
        var rungs = new SweepRungs([1, 3, 9], 3,
        [
            new TrialRungs(RunId(0), 0, [new RungValue(0, 1, 0.91), new RungValue(1, 3, 0.73), new RungValue(2, 9, 0.19)], false),
            new TrialRungs(RunId(1), 1, [new RungValue(0, 1, 0.98), new RungValue(1, 3, 0.94)], true),
            new TrialRungs(RunId(2), 2, [new RungValue(0, 1, 0.95), new RungValue(1, 3, 0.85)], false),
            new TrialRungs(RunId(3), 3, [new RungValue(0, 1, 0.93)], false),
        ]);
        return new SweepDetails(view, "sleep-asha", Yaml, new SweepMetricView("loss", "minimize"), trials,
            new SweepBest(RunId(0), 0, trials[0].Value!.Value, 10), rungs);
    }

    /// <summary>A trial whose loss falls by <paramref name="slope"/> per step from 1, up to <paramref name="steps"/>.</summary>
    public static SweepTrialView Trial(int index, string state, double slope, int steps)
    {
        var history = Enumerable.Range(1, steps).Select(s => new Metric("loss", 1 + slope * s, SampleData.T0 + s * 100, s)).ToArray();
        return new SweepTrialView(RunId(index), $"5eedc0de-{index + 1}", index, state,
            new Dictionary<string, string> { ["slope"] = slope.ToString(System.Globalization.CultureInfo.InvariantCulture), ["steps"] = "10" },
            history[^1].Value, steps, history);
    }
}
