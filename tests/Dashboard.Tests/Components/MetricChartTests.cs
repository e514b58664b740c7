using System.Globalization;
using Bunit;
using Platform.Dashboard.Components;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Components;

public sealed class MetricChartTests : BunitContext
{
    [Fact]
    public void The_log_toggle_redraws_on_a_log_axis_with_data_valued_ticks()
    {
        ChartPoint[] decades = [new(0, 1000), new(1, 100), new(2, 10), new(3, 1), new(4, 0.1)];
        var cut = Render<MetricChart>(p => p.Add(x => x.Points, decades).Add(x => x.Title, "loss"));
        Assert.Contains("1000", TickLabels(cut));

        cut.Find("[data-testid=log]").Change(true);

        // On a log axis the points are evenly spaced, and the ticks read as data values (powers of ten), not exponents.
        var ys = Markers(cut).Select(m => m.Y).ToArray();
        var gaps = ys.Zip(ys.Skip(1), (a, b) => b - a).ToArray();
        Assert.All(gaps, g => Assert.Equal(gaps[0], g, 1));
        Assert.Equal(["0.1", "1", "10", "100", "1000"], TickLabels(cut));
        Assert.Contains("step 4: 0.1", cut.FindAll("circle title").Select(t => t.TextContent));
    }

    [Fact]
    public void Zero_values_are_left_off_the_log_scale_with_a_note()
    {
        var cut = Render<MetricChart>(p => p.Add(x => x.Points, [new ChartPoint(0, 0), new ChartPoint(1, 1), new ChartPoint(2, 10)]));

        cut.Find("[data-testid=log]").Change(true);

        Assert.Equal(2, Markers(cut).Length);
        Assert.Equal("1 zero or negative value left off the log scale.", cut.Find("[data-testid=chart-note]").TextContent);
    }

    [Fact]
    public void The_smoothing_slider_smooths_the_drawn_curve()
    {
        var cut = Render<MetricChart>(p => p.Add(x => x.Points, [new ChartPoint(0, 0), new ChartPoint(1, 1), new ChartPoint(2, 0), new ChartPoint(3, 1)]));
        var raw = Markers(cut);

        cut.Find("[data-testid=smoothing]").Input("0.6");

        var smooth = Markers(cut);
        Assert.Equal("0.60", cut.Find(".control-value").TextContent);
        // The zig-zag flattens: the smoothed range is narrower than the raw one.
        Assert.True(Range(smooth) < Range(raw) * 0.8, $"{Range(smooth)} vs {Range(raw)}");

        static double Range(IEnumerable<(double X, double Y)> m) => m.Max(p => p.Y) - m.Min(p => p.Y);
    }

    [Fact]
    public void The_caption_says_how_much_the_server_downsampled()
    {
        var cut = Render<MetricChart>(p => p.Add(x => x.Points, SampleData.CostCurve()).Add(x => x.Caption, "1,000 of 50,000 points shown."));

        Assert.Equal("1,000 of 50,000 points shown.", cut.Find("[data-testid=chart-note]").TextContent);
    }

    [Fact]
    public void The_x_axis_can_switch_to_wall_time()
    {
        // Steps 0..3, but step 3 came 10 s after step 2: only the wall-time axis shows the pause.
        ChartPoint[] bySteps = [new(0, 1), new(1, 0.8), new(2, 0.6), new(3, 0.5)];
        ChartPoint[] byTime = [new(0.5, 1), new(1.0, 0.8), new(1.5, 0.6), new(11.5, 0.5)];
        var cut = Render<MetricChart>(p => p.Add(x => x.Points, bySteps).Add(x => x.WallTimePoints, byTime).Add(x => x.Title, "loss"));
        var stepGaps = Gaps(Markers(cut));
        Assert.Equal("step", cut.Find("text.axis-label").TextContent);

        cut.Find("[data-testid=x-axis]").Change("wall");

        Assert.Equal("seconds since start", cut.Find("text.axis-label").TextContent);
        var timeGaps = Gaps(Markers(cut));
        Assert.Equal(stepGaps[0], stepGaps[2], 1);
        Assert.True(timeGaps[2] > 10 * timeGaps[0], string.Join(", ", timeGaps));
        Assert.Contains("seconds since start 11.5: 0.5", cut.FindAll("circle title").Select(t => t.TextContent));

        static double[] Gaps((double X, double Y)[] m) => m.Zip(m.Skip(1), (a, b) => b.X - a.X).ToArray();
    }

    [Fact]
    public void Without_wall_times_there_is_no_axis_choice()
    {
        var cut = Render<MetricChart>(p => p.Add(x => x.Points, SampleData.CostCurve()));

        Assert.Empty(cut.FindAll("[data-testid=x-axis]"));
    }

    private static string[] TickLabels(IRenderedComponent<MetricChart> cut) =>
        cut.FindAll("text.tick-label[text-anchor=end]").Select(t => t.TextContent).ToArray();

    private static (double X, double Y)[] Markers(IRenderedComponent<MetricChart> cut) =>
        cut.FindAll("circle").Select(c => (double.Parse(c.GetAttribute("cx")!, CultureInfo.InvariantCulture), double.Parse(c.GetAttribute("cy")!, CultureInfo.InvariantCulture))).ToArray();
}
