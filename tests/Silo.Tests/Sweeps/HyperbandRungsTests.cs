using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Stopping;

namespace Platform.Silo.Tests.Sweeps;

public sealed class HyperbandRungsTests
{
    [Fact]
    public void MinIterGivesGeometricBands()
    {
        var rungs = HyperbandRungs.FromWandb(new EarlyTerminateSpec("hyperband", MinIter: 3, MaxIter: null, S: null, Eta: 3, Strict: false, Line: 1));

        Assert.Equal([3L, 9, 27, 81], rungs.Take(4));
        Assert.True(rungs.Count > 30);
    }

    [Fact]
    public void MaxIterAndSGiveBandsBelowMaxIter()
    {
        var rungs = HyperbandRungs.FromWandb(new EarlyTerminateSpec("hyperband", null, MaxIter: 27, S: 2, Eta: 3, false, 1));

        Assert.Equal([3L, 9], rungs);
    }

    [Fact]
    public void MaxIterBandsStopBelowOne()
    {
        var rungs = HyperbandRungs.FromWandb(new EarlyTerminateSpec("hyperband", null, MaxIter: 10, S: 5, Eta: 3, false, 1));

        Assert.Equal([1L, 3], rungs);
    }

    [Fact]
    public void SweepSpecMapsToAsha()
    {
        var spec = SweepFixtures.Spec("random", "  x: {min: -1.0, max: 1.0}", "early_terminate: {type: hyperband, min_iter: 2, eta: 2}", goal: "maximize");

        var rule = Assert.IsType<AsyncSuccessiveHalving>(EarlyStoppingRules.Create(spec));

        Assert.Equal(MetricGoal.Maximize, rule.Goal);
        Assert.Equal(2, rule.Eta);
        Assert.Equal([2L, 4, 8], rule.Rungs.Take(3));
        Assert.Null(EarlyStoppingRules.Create(SweepFixtures.Spec("random", "  x: {min: -1.0, max: 1.0}")));
    }

    [Fact]
    public void SweepSpecMapsMedianToTheMedianStoppingRule()
    {
        var spec = SweepFixtures.Spec("random", "  x: {min: -1.0, max: 1.0}", "early_terminate: {type: median, min_iter: 2, min_trials: 1}", goal: "maximize");

        var rule = Assert.IsType<MedianStoppingRule>(EarlyStoppingRules.Create(spec));

        // Maximising, from step 2, after one finished trial: its running average at step 2 is 0.5.
        rule.Report(new TrialMetricReport("done", 1, 0.4));
        rule.Report(new TrialMetricReport("done", 2, 0.6));
        rule.Completed("done");
        Assert.False(rule.Report(new TrialMetricReport("low", 1, 0.1)).ShouldStop); // before min_iter
        Assert.True(rule.Report(new TrialMetricReport("low", 2, 0.3)).ShouldStop);
        Assert.False(rule.Report(new TrialMetricReport("high", 2, 0.7)).ShouldStop);
    }
}
