using Platform.Workers.Plots;
using SkiaSharp;

namespace Platform.Workers.Tests.Plots;

public sealed class PlotTests
{
    [Fact]
    public void A_cost_curve_is_a_640x480_png_with_the_line_drawn_in_the_plot_area()
    {
        var png = LinePlot.Png([(0, 0.69), (1000, 0.3), (2000, 0.25), (3000, double.NaN), (4000, 0.2)], "Learning rate = 0.005", "iteration", "cost");

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((640, 480), (bitmap.Width, bitmap.Height));
        Assert.True(CountNear(bitmap, new SKColor(31, 119, 180)) > 200, "the curve's colour");
        Assert.Equal(SKColors.White, bitmap.GetPixel(5, 5));
    }

    [Fact]
    public void A_decision_boundary_paints_both_predicted_regions_and_the_points()
    {
        double[] x1 = [-1, 1, -1, 1];
        double[] x2 = [-1, -1, 1, 1];
        double[] labels = [0, 1, 0, 1];

        var png = DecisionBoundaryPlot.Png(x1, x2, labels, (a, _) => a.Select(v => v > 0 ? 1.0 : 0.0).ToArray(), "x1 > 0");

        using var bitmap = SKBitmap.Decode(png);
        // Region colours: class 0 on the left half of the plot area, class 1 on the right.
        Assert.Equal(new SKColor(250, 200, 190), bitmap.GetPixel(120, 100));
        Assert.Equal(new SKColor(190, 210, 245), bitmap.GetPixel(560, 100));
        Assert.True(CountNear(bitmap, new SKColor(214, 39, 40)) > 10, "class 0 points");
        Assert.True(CountNear(bitmap, new SKColor(31, 80, 180)) > 10, "class 1 points");
    }

    [Fact]
    public void Ticks_are_round_numbers_inside_the_range()
    {
        Assert.Equal([0, 2000, 4000, 6000, 8000, 10000], PlotFrame.Ticks((0, 10000)));
        Assert.Equal([0.2, 0.4, 0.6], PlotFrame.Ticks((0.15, 0.7)).Select(t => Math.Round(t, 10)));
    }

    private static int CountNear(SKBitmap bitmap, SKColor colour)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                count += Math.Abs(p.Red - colour.Red) + Math.Abs(p.Green - colour.Green) + Math.Abs(p.Blue - colour.Blue) < 12 ? 1 : 0;
            }
        }

        return count;
    }
}
