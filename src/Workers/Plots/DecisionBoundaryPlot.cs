using SkiaSharp;

namespace Platform.Workers.Plots;

/// <summary>
/// The notebooks' <c>plot_decision_boundary</c>: the plane coloured by the model's prediction, over the data's range
/// widened by 1 on every side, with the labelled points on top (class 0 red, class 1 blue).
/// </summary>
public static class DecisionBoundaryPlot
{
    private static readonly SKColor[] RegionColours = [new(250, 200, 190), new(190, 210, 245)];
    private static readonly SKColor[] PointColours = [new(214, 39, 40), new(31, 80, 180)];

    /// <param name="x1">first feature of each point</param>
    /// <param name="x2">second feature of each point</param>
    /// <param name="labels">0 or 1 per point</param>
    /// <param name="predict">predictions (0 or 1) for points given as (x1s, x2s); called once with every pixel of the plot area</param>
    public static byte[] Png(
        IReadOnlyList<double> x1, IReadOnlyList<double> x2, IReadOnlyList<double> labels,
        Func<double[], double[], double[]> predict, string title)
    {
        using var frame = new PlotFrame((x1.Min() - 1, x1.Max() + 1), (x2.Min() - 1, x2.Max() + 1));
        var area = frame.Area;
        int left = (int)area.Left, top = (int)area.Top, width = (int)area.Width, height = (int)area.Height;
        var gridX1 = new double[width * height];
        var gridX2 = new double[width * height];
        for (var row = 0; row < height; row++)
        {
            for (var column = 0; column < width; column++)
            {
                (gridX1[row * width + column], gridX2[row * width + column]) = frame.DataAt(left + column, top + row);
            }
        }

        var predictions = predict(gridX1, gridX2);
        using var regions = new SKBitmap(width, height);
        for (var i = 0; i < predictions.Length; i++)
        {
            regions.SetPixel(i % width, i / width, RegionColours[predictions[i] > 0.5 ? 1 : 0]);
        }

        frame.Canvas.DrawBitmap(regions, left, top, new SKSamplingOptions(SKFilterMode.Nearest), null);
        using var edge = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = 0.5f, IsAntialias = true };
        for (var i = 0; i < labels.Count; i++)
        {
            using var fill = new SKPaint { Color = PointColours[labels[i] > 0.5 ? 1 : 0], IsAntialias = true };
            frame.Canvas.DrawCircle(frame.X(x1[i]), frame.Y(x2[i]), 3.5f, fill);
            frame.Canvas.DrawCircle(frame.X(x1[i]), frame.Y(x2[i]), 3.5f, edge);
        }

        return frame.EncodePng(title, "x1", "x2");
    }
}
