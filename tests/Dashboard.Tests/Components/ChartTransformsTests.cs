using Platform.Dashboard.Components;

namespace Platform.Dashboard.Tests.Components;

public sealed class ChartTransformsTests
{
    private static ChartPoint[] Series(params double[] ys) => ys.Select((y, i) => new ChartPoint(i, y)).ToArray();

    [Fact]
    public void Weight_zero_is_the_raw_series()
    {
        var points = Series(1, 5, 2);
        Assert.Same(points, ChartTransforms.Smooth(points, 0));
    }

    [Fact]
    public void Smoothing_is_a_debiased_exponential_average()
    {
        var smoothed = ChartTransforms.Smooth(Series(1, 0, 0), 0.5);

        // Debiasing: the first value is kept exactly, not pulled towards zero.
        Assert.Equal(1, smoothed[0].Y, 12);
        // (0.5*1*0.5 + 0) / (1 - 0.25) = 0.25 / 0.75
        Assert.Equal(1 / 3.0, smoothed[1].Y, 12);
        // 0.125 / 0.875
        Assert.Equal(1 / 7.0, smoothed[2].Y, 12);
        Assert.Equal([0d, 1, 2], smoothed.Select(p => p.X));
    }

    [Fact]
    public void A_constant_series_stays_constant_and_non_finite_points_pass_through()
    {
        var smoothed = ChartTransforms.Smooth(Series(3, double.NaN, 3, 3), 0.9);

        Assert.Equal(3, smoothed[0].Y, 12);
        Assert.True(double.IsNaN(smoothed[1].Y));
        Assert.Equal(3, smoothed[2].Y, 12);
        Assert.Equal(3, smoothed[3].Y, 12);
    }

    [Fact]
    public void Log_scale_takes_log10_and_counts_what_has_no_logarithm()
    {
        var (points, dropped) = ChartTransforms.Log10(Series(100, 0.01, 0, -3, double.NaN));

        Assert.Equal(2, dropped);
        Assert.Equal([2d, -2], points.Take(2).Select(p => Math.Round(p.Y, 12)));
        Assert.True(double.IsNaN(points[2].Y));
        Assert.Equal([0d, 1, 4], points.Select(p => p.X));
    }
}
