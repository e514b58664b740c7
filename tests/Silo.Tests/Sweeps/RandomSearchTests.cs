using Platform.Silo.Sweeps.Search;
using static Platform.Silo.Tests.Sweeps.SweepFixtures;

namespace Platform.Silo.Tests.Sweeps;

public sealed class RandomSearchTests
{
    [Fact]
    public void SameSeedSameSequenceAndEachSuggestionStandsAlone()
    {
        var space = Space("  x: {distribution: uniform, min: -1, max: 1}\n  opt: {values: [sgd, adam, rmsprop]}");
        var all = new RandomSearch(space, 42).Suggest(0, 20, []);
        var again = new RandomSearch(space, 42).Suggest(0, 20, []);
        var tail = new RandomSearch(space, 42).Suggest(15, 5, []);
        var other = new RandomSearch(space, 43).Suggest(0, 20, []);

        Assert.Equal(all.Select(s => s.Params["x"]), again.Select(s => s.Params["x"]));
        Assert.Equal(all.Skip(15).Select(s => s.Params["x"] + s.Params["opt"]), tail.Select(s => s.Params["x"] + s.Params["opt"]));
        Assert.NotEqual(all.Select(s => s.Params["x"]), other.Select(s => s.Params["x"]));
    }

    [Fact]
    public void TheSequenceOfASeedIsPinned()
    {
        // A sweep resumed after a restart, or on another .NET version, must get the same trials: if this changes, the
        // sampler (or System.Random's seeded generator) changed and persisted sweeps would diverge.
        var space = Space("  x: {distribution: uniform, min: -1, max: 1}\n  n: {distribution: int_uniform, min: 1, max: 100}");

        Assert.Equal(["-0.04837178301456002/3", "0.7183165921449273/77", "0.11665694560699946/17"], new RandomSearch(space, 42).Suggest(0, 3, []).Select(s => s.Params["x"] + "/" + s.Params["n"]));
    }

    [Fact]
    public void RunCapEndsTheSearch()
    {
        var search = SearchAlgorithms.Create(Spec("random", "  x: {min: -1.0, max: 1.0}", "run_cap: 3"), Toy, seed: 1);

        Assert.Equal(3, search.Suggest(0, 10, []).Count);
        Assert.Empty(search.Suggest(3, 10, []));
    }

    [Fact]
    public void UniformStaysInRangeWithTheRightMean()
    {
        var xs = Draw("  x: {distribution: uniform, min: 2, max: 6}", "x", 4000);

        Assert.All(xs, x => Assert.InRange(x, 2, 6));
        Assert.InRange(xs.Average(), 3.9, 4.1);
    }

    [Fact]
    public void IntUniformIncludesBothEnds()
    {
        var ns = Draw("  n: {distribution: int_uniform, min: 3, max: 5}", "n", 600);

        Assert.Equal([3.0, 4.0, 5.0], ns.Distinct().Order());
        Assert.All(ns.GroupBy(n => n), g => Assert.InRange(g.Count(), 150, 250));
    }

    [Fact]
    public void QUniformRoundsToMultiplesOfQ()
    {
        var xs = Draw("  x: {distribution: q_uniform, min: 0, max: 1, q: 0.25}", "x", 500);

        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], xs.Distinct().Order());
    }

    [Fact]
    public void QUniformOnAnIntegerRoundsToWholeNumbers()
    {
        var ns = Draw("  n: {distribution: q_uniform, min: 0, max: 100, q: 10}", "n", 300);

        Assert.All(ns, n => Assert.Equal(0, n % 10));
        Assert.Contains(100.0, ns);
    }

    [Fact]
    public void LogUniformTakesExponents()
    {
        var xs = Draw("  lr: {distribution: log_uniform, min: -4, max: 0}", "lr", 4000);

        Assert.All(xs, x => Assert.InRange(x, Math.Exp(-4), 1));
        // log X is uniform on [-4, 0]: its mean is -2.
        Assert.InRange(xs.Average(Math.Log), -2.1, -1.9);
    }

    [Fact]
    public void LogUniformValuesTakesValues()
    {
        var xs = Draw("  lr: {distribution: log_uniform_values, min: 0.001, max: 10}", "lr", 4000);

        Assert.All(xs, x => Assert.InRange(x, 0.001, 10));
        Assert.InRange(xs.Average(Math.Log10), -1.05, -0.95);
    }

    [Fact]
    public void QLogUniformValuesRoundsAfterTheExponential()
    {
        var ns = Draw("  n: {distribution: q_log_uniform_values, min: 8, max: 512, q: 8}", "n", 2000);

        Assert.All(ns, n => Assert.Equal(0, n % 8));
        Assert.InRange(ns.Min(), 8, 8);
        // Log-uniform: far more small widths than large; the median is near sqrt(8 * 512) = 64.
        Assert.InRange(ns.Order().ElementAt(1000), 48, 80);
    }

    [Fact]
    public void QLogUniformRoundsExponentialOfExponents()
    {
        var ns = Draw("  n: {distribution: q_log_uniform, min: 0, max: 3, q: 1}", "n", 500);

        Assert.All(ns, n => Assert.InRange(n, 1, 20));
        Assert.Contains(1.0, ns);
        Assert.Contains(20.0, ns);
    }

    [Fact]
    public void InvLogUniformIsTheReciprocalOfAnExponential()
    {
        var xs = Draw("  lr: {distribution: inv_log_uniform, min: 0, max: 4}", "lr", 4000);

        Assert.All(xs, x => Assert.InRange(x, Math.Exp(-4), 1));
        Assert.InRange(xs.Average(Math.Log), -2.1, -1.9);
    }

    [Fact]
    public void InvLogUniformValuesStaysBetweenTheValues()
    {
        var xs = Draw("  lr: {distribution: inv_log_uniform_values, min: 0.01, max: 1}", "lr", 4000);

        Assert.All(xs, x => Assert.InRange(x, 0.01, 1));
        Assert.InRange(xs.Average(Math.Log10), -1.05, -0.95);
    }

    [Fact]
    public void NormalHasItsMeanAndSpread()
    {
        var xs = Draw("  x: {distribution: normal, mu: 1, sigma: 2}", "x", 4000);
        var mean = xs.Average();
        var sd = Math.Sqrt(xs.Average(x => (x - mean) * (x - mean)));

        Assert.InRange(mean, 0.9, 1.1);
        Assert.InRange(sd, 1.9, 2.1);
    }

    [Fact]
    public void NormalValuesOutsideTheHyperparameterRangeAreRedrawn()
    {
        // x is limited to [-10, 10]; N(8, 4) puts about 30% of its mass above 10.
        var xs = Draw("  x: {distribution: normal, mu: 8, sigma: 4}", "x", 2000);

        Assert.All(xs, x => Assert.InRange(x, -10, 10));
        Assert.True(xs.Max() > 9.9);
    }

    [Fact]
    public void QNormalRoundsToMultiplesOfQ()
    {
        var xs = Draw("  x: {distribution: q_normal, mu: 0, sigma: 2, q: 0.5}", "x", 500);

        Assert.All(xs, x => Assert.Equal(0, x % 0.5));
    }

    [Fact]
    public void LogNormalIsTheExponentialOfANormal()
    {
        var xs = Draw("  lr: {distribution: log_normal, mu: -2, sigma: 0.5}", "lr", 4000);

        Assert.All(xs, x => Assert.True(x > 0));
        Assert.InRange(xs.Average(Math.Log), -2.05, -1.95);
    }

    [Fact]
    public void QLogNormalRoundsAfterTheExponential()
    {
        var ns = Draw("  n: {distribution: q_log_normal, mu: 3, sigma: 0.5, q: 2}", "n", 500);

        Assert.All(ns, n => Assert.Equal(0, n % 2));
    }

    [Fact]
    public void NormalWithDefaultsIsStandard()
    {
        var xs = Draw("  x: {distribution: normal}", "x", 4000);

        Assert.InRange(xs.Average(), -0.1, 0.1);
    }

    [Fact]
    public void CategoricalFollowsItsProbabilities()
    {
        var search = new RandomSearch(Space("  opt: {values: [sgd, adam, rmsprop], probabilities: [0.6, 0.3, 0.1]}"), 3);
        var counts = search.Suggest(0, 3000, []).GroupBy(s => s.Params["opt"]).ToDictionary(g => g.Key, g => g.Count());

        Assert.InRange(counts["sgd"], 1700, 1900);
        Assert.InRange(counts["adam"], 800, 1000);
        Assert.InRange(counts["rmsprop"], 220, 380);
    }

    [Fact]
    public void ConstantAndCategoricalValuesAreCanonical()
    {
        var search = new RandomSearch(Space("  lr: {value: 1e-2}\n  n: {values: [8.0]}"), 3);
        var suggestion = search.Suggest(0, 1, [])[0];

        Assert.Equal("0.01", suggestion.Params["lr"]);
        Assert.Equal("8", suggestion.Params["n"]);
    }

    [Fact]
    public void FloatsAlwaysReadBackAsFloats()
    {
        var xs = new RandomSearch(Space("  x: {distribution: q_uniform, min: -2, max: 2, q: 1}"), 5).Suggest(0, 50, []);

        Assert.All(xs, s => Assert.Contains('.', s.Params["x"]));
    }
}
