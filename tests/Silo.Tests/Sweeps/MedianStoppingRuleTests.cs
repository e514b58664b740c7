using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Stopping;

namespace Platform.Silo.Tests.Sweeps;

public sealed class MedianStoppingRuleTests
{
    private readonly MedianStoppingRule rule = new(MetricGoal.Minimize, minCompletedTrials: 3, minSteps: 2);

    public MedianStoppingRuleTests()
    {
        // Completed trials' running averages at step 2: a (10+8)/2 = 9, b (6+4)/2 = 5, c (3+1)/2 = 2 -> median 5.
        // At step 3: a 8 (10,8,6), b 4 (6,4,2), c 1.33 -> median 4.
        Complete("a", 10, 8, 6);
        Complete("b", 6, 4, 2);
        Complete("c", 3, 1, 0);
    }

    [Fact]
    public void StopsWhenTheBestSoFarIsWorseThanTheMedianOfRunningAverages()
    {
        Assert.False(Report("t", 1, 7).ShouldStop);
        // Best by step 2 is 5.5 > median 5.
        Assert.True(Report("t", 2, 5.5).ShouldStop);
    }

    [Fact]
    public void EqualToTheMedianContinues()
    {
        Report("t", 1, 7);

        Assert.False(Report("t", 2, 5).ShouldStop);
    }

    [Fact]
    public void TheBestValueSoFarCountsNotTheLatest()
    {
        Report("t", 1, 4.5);

        // Latest 6 is worse than median 5, but the best so far (4.5) is not.
        Assert.False(Report("t", 2, 6).ShouldStop);
        // Step 3: median 4, best still 4.5.
        Assert.True(Report("t", 3, 7).ShouldStop);
    }

    [Fact]
    public void WaitsForMinSteps()
    {
        Assert.False(Report("t", 1, 100).ShouldStop);
    }

    [Fact]
    public void WaitsForEnoughCompletedTrials()
    {
        var fresh = new MedianStoppingRule(MetricGoal.Minimize, minCompletedTrials: 2);
        fresh.Report(new TrialMetricReport("a", 1, 1));
        fresh.Completed("a");

        Assert.False(fresh.Report(new TrialMetricReport("t", 1, 100)).ShouldStop);
        fresh.Report(new TrialMetricReport("b", 1, 1));
        fresh.Completed("b");
        Assert.True(fresh.Report(new TrialMetricReport("t", 2, 100)).ShouldStop);
    }

    [Fact]
    public void RunningTrialsAreNotPartOfTheMedian()
    {
        var fresh = new MedianStoppingRule(MetricGoal.Minimize, minCompletedTrials: 1);
        fresh.Report(new TrialMetricReport("running", 1, 0));

        Assert.False(fresh.Report(new TrialMetricReport("t", 1, 100)).ShouldStop);
    }

    [Fact]
    public void MaximizeStopsTheLowOnes()
    {
        var maximize = new MedianStoppingRule(MetricGoal.Maximize, minCompletedTrials: 1);
        maximize.Report(new TrialMetricReport("a", 1, 0.8));
        maximize.Completed("a");

        Assert.False(maximize.Report(new TrialMetricReport("t", 1, 0.9)).ShouldStop);
        Assert.True(maximize.Report(new TrialMetricReport("u", 1, 0.7)).ShouldStop);
    }

    [Fact]
    public void AStoppedTrialStaysStopped()
    {
        Report("t", 2, 50);

        Assert.True(Report("t", 3, 0).ShouldStop);
    }

    private void Complete(string trial, params double[] values)
    {
        for (var step = 0; step < values.Length; step++)
        {
            rule.Report(new TrialMetricReport(trial, step + 1, values[step]));
        }

        rule.Completed(trial);
    }

    private StopDecision Report(string trial, long step, double value) => rule.Report(new TrialMetricReport(trial, step, value));
}
