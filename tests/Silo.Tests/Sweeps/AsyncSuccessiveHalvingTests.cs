using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Stopping;

namespace Platform.Silo.Tests.Sweeps;

public sealed class AsyncSuccessiveHalvingTests
{
    // r_min = 1, eta = 3: rungs at 1, 3, 9.
    private readonly AsyncSuccessiveHalving asha = new(MetricGoal.Minimize, [1, 3, 9], eta: 3);

    [Fact]
    public void FirstTrialAtARungIsPromotedAsTheBestSoFar()
    {
        Assert.False(Report("a", 1, 0.5).ShouldStop);
    }

    [Fact]
    public void WhileFewerThanEtaResultsOnlyTheBestIsPromoted()
    {
        Report("a", 1, 0.5);

        Assert.True(Report("b", 1, 0.6).ShouldStop);
        Assert.False(Report("c", 1, 0.4).ShouldStop);
    }

    [Fact]
    public void PromotesExactlyTheTopThirdAsResultsArrive()
    {
        // Values arrive 0.5, 0.6, 0.4, 0.45, 0.3, 0.9: each is judged against everything recorded so far, itself included.
        // n=1: top 1 -> 0.5 kept. n=2: top 1 (0.5) -> 0.6 stops. n=3: top 1 (0.4) -> 0.4 kept.
        // n=4: top 1 (0.4) -> 0.45 stops. n=5: top 1 (0.3) -> 0.3 kept. n=6: top 2 (0.3, 0.4) -> 0.9 stops.
        string[] trials = ["a", "b", "c", "d", "e", "f"];
        double[] values = [0.5, 0.6, 0.4, 0.45, 0.3, 0.9];
        var stopped = trials.Zip(values, (t, v) => Report(t, 1, v).ShouldStop).ToArray();

        Assert.Equal([false, true, false, true, false, true], stopped);
        Assert.Equal(values, asha.RecordedAt(0));
    }

    [Fact]
    public void SecondOfSixIsPromotedWhenTopTwo()
    {
        foreach (var (trial, value) in new[] { ("a", 0.1), ("b", 0.9), ("c", 0.8), ("d", 0.7), ("e", 0.6) })
        {
            Report(trial, 1, value);
        }

        // Sixth result: top floor(6/3) = 2 are 0.1 and 0.2.
        Assert.False(Report("f", 1, 0.2).ShouldStop);
    }

    [Fact]
    public void StepsBetweenRungsAreNotJudged()
    {
        Report("a", 1, 0.1);
        Report("b", 1, 0.05);

        Assert.False(Report("a", 2, 5.0).ShouldStop);
    }

    [Fact]
    public void ATrialIsJudgedAtEachRungOnce()
    {
        Report("a", 1, 0.5);
        Report("a", 3, 0.4);

        Assert.False(Report("a", 3, 99).ShouldStop);
        Assert.Equal([0.4], asha.RecordedAt(1));
    }

    [Fact]
    public void SparseReportsAreJudgedAtEveryRungPassed()
    {
        Report("a", 1, 0.2);
        Report("a", 3, 0.1);

        // b jumps from nothing to step 4: at rung 0 its 0.15 beats 0.2 (promoted), at rung 1 it loses to 0.1 (stopped).
        var decision = Report("b", 4, 0.15);

        Assert.True(decision.ShouldStop);
        Assert.Contains("rung 1", decision.Reason);
        Assert.Equal([0.2, 0.15], asha.RecordedAt(0));
        Assert.Equal([0.1, 0.15], asha.RecordedAt(1));
    }

    [Fact]
    public void AStoppedTrialStaysStopped()
    {
        Report("a", 1, 0.1);
        Report("b", 1, 0.9);

        Assert.True(Report("b", 3, 0.0).ShouldStop);
        Assert.Empty(asha.RecordedAt(1));
    }

    [Fact]
    public void MaximizeKeepsTheLargest()
    {
        var maximize = new AsyncSuccessiveHalving(MetricGoal.Maximize, [2], eta: 2);
        maximize.Report(new TrialMetricReport("a", 2, 0.7));

        Assert.True(maximize.Report(new TrialMetricReport("b", 2, 0.6)).ShouldStop);
        // n=3 with eta 2: top 1 -> only 0.9.
        Assert.False(maximize.Report(new TrialMetricReport("c", 2, 0.9)).ShouldStop);
        // n=4: top 2 are 0.9 and 0.8.
        Assert.False(maximize.Report(new TrialMetricReport("d", 2, 0.8)).ShouldStop);
    }

    [Fact]
    public void NaNRanksWorst()
    {
        Report("a", 1, 0.5);

        Assert.True(Report("b", 1, double.NaN).ShouldStop);
    }

    [Fact]
    public void ReplayingTheSameReportsGivesTheSameDecisions()
    {
        var reports = Enumerable.Range(0, 30).Select(i => new TrialMetricReport($"t{i % 7}", 1 + (i / 7 * 3), Math.Sin(i))).ToArray();
        var first = new AsyncSuccessiveHalving(MetricGoal.Minimize, [1, 3, 9], 3);
        var second = new AsyncSuccessiveHalving(MetricGoal.Minimize, [1, 3, 9], 3);

        Assert.Equal(reports.Select(first.Report), reports.Select(second.Report));
    }

    private StopDecision Report(string trial, long step, double value) => asha.Report(new TrialMetricReport(trial, step, value));
}
