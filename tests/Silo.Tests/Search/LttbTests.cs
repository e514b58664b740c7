using Platform.Contracts.Tracking;
using Platform.Silo.Search;

namespace Platform.Silo.Tests.Search;

public sealed class LttbTests
{
    private static List<Metric> Series(int n, Func<int, double> f) => Enumerable.Range(0, n).Select(i => new Metric("m", f(i), i, i)).ToList();

    [Fact]
    public void Keeps_first_last_and_extremes_and_the_requested_count()
    {
        var points = Series(100_000, i => i == 31_337 ? 1e6 : i == 70_001 ? -1e6 : Math.Sin(i / 1000.0));
        var sampled = Lttb.Downsample(points, 1000);
        Assert.Equal(1000, sampled.Count);
        Assert.Equal(points[0], sampled[0]);
        Assert.Equal(points[^1], sampled[^1]);
        Assert.Contains(points[31_337], sampled);
        Assert.Contains(points[70_001], sampled);
        Assert.True(sampled.Zip(sampled.Skip(1)).All(p => p.First.Step < p.Second.Step));
    }

    [Fact]
    public void Returns_short_series_unchanged_and_handles_tiny_thresholds()
    {
        var points = Series(10, i => i);
        Assert.Same(points, Lttb.Downsample(points, 10));
        Assert.Same(points, Lttb.Downsample(points, 50));
        Assert.Equal([points[0], points[^1]], Lttb.Downsample(points, 2));
        Assert.Equal([points[^1]], Lttb.Downsample(points, 1));
    }

    [Fact]
    public void Survives_non_finite_values()
    {
        var points = Series(1000, i => i % 7 == 0 ? double.NaN : i % 11 == 0 ? double.PositiveInfinity : i);
        Assert.Equal(100, Lttb.Downsample(points, 100).Count);
    }
}
