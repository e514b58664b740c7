using System.Globalization;
using Bunit;
using Platform.Dashboard.Components;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Components;

public sealed class LineChartTests : BunitContext
{
    [Fact]
    public void The_cost_curve_spans_the_plot_and_falls_left_to_right()
    {
        var cut = Render<LineChart>(p => p.Add(x => x.Points, SampleData.CostCurve()).Add(x => x.TestId, "chart-cost"));

        var points = Polyline(cut);
        Assert.Equal(20, points.Length);
        // Steps 0..1900 fill the width exactly.
        Assert.Equal(ChartGeometry.MarginLeft, points[0].X, 2);
        Assert.Equal(640 - ChartGeometry.MarginRight, points[^1].X, 2);
        // SVG y grows downwards: a falling cost has growing y.
        Assert.True(points.Zip(points.Skip(1)).All(pair => pair.Second.Y > pair.First.Y));
        Assert.Equal(20, cut.FindAll("circle").Count);
        Assert.Equal("step 0: 0.693147", cut.Find("circle title").TextContent);
    }

    [Fact]
    public void The_cost_curve_gets_round_ticks_around_its_values()
    {
        var g = new ChartGeometry(SampleData.CostCurve(), 640, 260);

        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], g.YTicks);
        Assert.Equal([0d, 500, 1000, 1500], g.XTicks);
        Assert.Equal("0.7", g.YTickLabel(0.7));
        Assert.Equal("1500", g.XTickLabel(1500));
        // 0.693147 sits just below the top tick 0.7; 0.140872 just above the bottom tick 0.1.
        Assert.Equal(g.PlotTop + (0.7 - 0.693147) / 0.6 * (g.PlotBottom - g.PlotTop), g.PixelY(0.693147), 6);
        Assert.Equal(g.PlotBottom - (0.140872 - 0.1) / 0.6 * (g.PlotBottom - g.PlotTop), g.PixelY(0.140872), 6);
    }

    [Fact]
    public void Non_finite_points_are_skipped_and_counted()
    {
        ChartPoint[] points = [new(0, 1), new(1, double.NaN), new(2, double.PositiveInfinity), new(3, 0.5), new(4, double.NegativeInfinity)];

        var cut = Render<LineChart>(p => p.Add(x => x.Points, points));

        var drawn = Polyline(cut);
        Assert.Equal(2, drawn.Length);
        Assert.Equal(2, cut.FindAll("circle").Count);
        Assert.Equal("3 non-finite values (NaN/Infinity) not drawn.", cut.Find("[data-testid=skipped]").TextContent);
        Assert.DoesNotContain("NaN", cut.Find("svg").OuterHtml);
    }

    [Fact]
    public void A_single_point_is_a_centred_marker_without_a_line()
    {
        var cut = Render<LineChart>(p => p.Add(x => x.Points, [new ChartPoint(7, 0.25)]));

        Assert.Empty(cut.FindAll("polyline"));
        var marker = cut.Find("circle");
        var g = new ChartGeometry([new ChartPoint(7, 0.25)], 640, 260);
        Assert.Equal((g.PlotLeft + g.PlotRight) / 2, double.Parse(marker.GetAttribute("cx")!, CultureInfo.InvariantCulture), 1);
        var cy = double.Parse(marker.GetAttribute("cy")!, CultureInfo.InvariantCulture);
        Assert.InRange(cy, g.PlotTop, g.PlotBottom);
    }

    [Fact]
    public void A_constant_series_is_a_flat_line_inside_the_plot()
    {
        var g = new ChartGeometry([new ChartPoint(0, 3), new ChartPoint(1, 3), new ChartPoint(2, 3)], 640, 260);

        var ys = g.Drawn.Select(p => g.PixelY(p.Y)).Distinct().ToArray();
        Assert.Single(ys);
        Assert.InRange(ys[0], g.PlotTop + 1, g.PlotBottom - 1);
        Assert.Equal([0d, 1, 2], g.XTicks);
    }

    [Fact]
    public void A_series_with_nothing_finite_says_so()
    {
        var cut = Render<LineChart>(p => p.Add(x => x.Points, [new ChartPoint(0, double.NaN)]));

        Assert.Empty(cut.FindAll("svg"));
        Assert.Contains("No finite values", cut.Markup);
    }

    private static (double X, double Y)[] Polyline(IRenderedComponent<LineChart> cut) =>
        cut.Find("polyline").GetAttribute("points")!.Split(' ')
            .Select(pair => pair.Split(','))
            .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))
            .ToArray();
}
