using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Stopping;

namespace Platform.Silo.Tests.Sweeps;

/// <summary>The paper's get_job (Li et al., Algorithm 2) with eta 3 and rungs 0, 1, 2 (2: the full training).</summary>
public sealed class AshaPromotionsTests
{
    private readonly AshaPromotions asha = new(MetricGoal.Minimize, rungCount: 3, eta: 3);

    [Fact]
    public void NothingIsPromotedWhileARungHoldsFewerThanEtaResults()
    {
        asha.Report("a", 0, 0.1);
        asha.Report("b", 0, 0.2);

        Assert.Null(asha.NextPromotion()); // top floor(2/3) = 0: start a new trial
    }

    [Fact]
    public void PromotesTheTopThirdOnceEach()
    {
        foreach (var (trial, value) in new[] { ("a", 0.5), ("b", 0.2), ("c", 0.9) })
            asha.Report(trial, 0, value);

        Assert.Equal(("b", 1), asha.NextPromotion());
        Assert.Null(asha.NextPromotion()); // b was promoted; top floor(3/3) = 1 holds nobody else
    }

    [Fact]
    public void ATrialBelowTheCutIsPromotedLaterWhenTheTopGrows()
    {
        foreach (var (trial, value) in new[] { ("a", 0.1), ("b", 0.2), ("c", 0.3) })
            asha.Report(trial, 0, value);
        Assert.Equal(("a", 1), asha.NextPromotion());

        // Never stopped: with six results the top is two, and b (second from the start) goes up now.
        foreach (var (trial, value) in new[] { ("d", 0.9), ("e", 0.8), ("f", 0.7) })
            asha.Report(trial, 0, value);
        Assert.Equal(("b", 1), asha.NextPromotion());
        Assert.Null(asha.NextPromotion());
    }

    [Fact]
    public void TheHighestRungIsPromotedFirst()
    {
        foreach (var (trial, value) in new[] { ("a", 0.1), ("b", 0.2), ("c", 0.3), ("d", 0.4), ("e", 0.5), ("f", 0.6) })
            asha.Report(trial, 0, value);
        foreach (var (trial, value) in new[] { ("a", 0.05), ("b", 0.01), ("x", 0.02) })
            asha.Report(trial, 1, value);

        Assert.Equal(("b", 2), asha.NextPromotion()); // rung 1 before rung 0
        Assert.Equal(("a", 1), asha.NextPromotion());
    }

    [Fact]
    public void NothingIsPromotedFromTheLastRung()
    {
        foreach (var (trial, value) in new[] { ("a", 0.1), ("b", 0.2), ("c", 0.3) })
            asha.Report(trial, 2, value);

        Assert.Null(asha.NextPromotion());
    }

    [Fact]
    public void MaximizeRanksTheHighestFirst()
    {
        var maximize = new AshaPromotions(MetricGoal.Maximize, rungCount: 2, eta: 3);
        foreach (var (trial, value) in new[] { ("a", 0.1), ("b", 0.9), ("c", 0.5) })
            maximize.Report(trial, 0, value);

        Assert.Equal(("b", 1), maximize.NextPromotion());
    }
}
