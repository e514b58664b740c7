using SkiaSharp;

namespace Platform.Workers.Plots;

/// <summary>A line chart of (x, y) points in x order, e.g. a run's cost against its iteration. Non-finite values are left out.</summary>
public static class LinePlot
{
    public static byte[] Png(IReadOnlyList<(double X, double Y)> points, string title, string xLabel, string yLabel)
    {
        var finite = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
        if (finite.Length == 0)
        {
            finite = [(0, 0)];
        }

        var yMin = Math.Min(0, finite.Min(p => p.Y)); // costs start the axis at 0, as the notebooks' plots do
        using var frame = new PlotFrame((finite.Min(p => p.X), finite.Max(p => p.X)), (yMin, finite.Max(p => p.Y) * 1.05));
        using var line = new SKPaint { Color = new SKColor(31, 119, 180), StrokeWidth = 2, Style = SKPaintStyle.Stroke, IsAntialias = true };
        frame.Canvas.Save();
        frame.Canvas.ClipRect(frame.Area);
        frame.Canvas.DrawPoints(SKPointMode.Polygon, finite.Select(p => new SKPoint(frame.X(p.X), frame.Y(p.Y))).ToArray(), line);
        if (finite.Length == 1)
        {
            frame.Canvas.DrawCircle(frame.X(finite[0].X), frame.Y(finite[0].Y), 3, line);
        }

        frame.Canvas.Restore();
        return frame.EncodePng(title, xLabel, yLabel);
    }
}
