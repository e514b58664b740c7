using System.Globalization;
using SkiaSharp;

namespace Platform.Workers.Plots;

/// <summary>
/// A PNG chart: a white canvas, a plot area with data ranges mapped to pixels, axes with "nice" ticks and labels, a title.
/// The charts (<see cref="LinePlot"/>, <see cref="DecisionBoundaryPlot"/>) draw their data into <see cref="Canvas"/> through
/// <see cref="X"/> and <see cref="Y"/>, then <see cref="EncodePng"/> draws the frame on top.
/// </summary>
internal sealed class PlotFrame : IDisposable
{
    private const int Width = 640;
    private const int Height = 480;
    private const float Left = 72, Right = 20, Top = 36, Bottom = 56;

    private readonly SKSurface surface;
    private readonly SKFont font;
    private readonly (double Min, double Max) xRange;
    private readonly (double Min, double Max) yRange;

    public PlotFrame((double Min, double Max) xRange, (double Min, double Max) yRange)
    {
        this.xRange = Widen(xRange);
        this.yRange = Widen(yRange);
        surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        font = new SKFont(SystemTypeface.Value, 13);
        Canvas.Clear(SKColors.White);
    }

    public SKCanvas Canvas => surface.Canvas;

    /// <summary>The plot area in pixels.</summary>
    public SKRect Area => new(Left, Top, Width - Right, Height - Bottom);

    public float X(double x) => (float)(Area.Left + (x - xRange.Min) / (xRange.Max - xRange.Min) * Area.Width);

    public float Y(double y) => (float)(Area.Bottom - (y - yRange.Min) / (yRange.Max - yRange.Min) * Area.Height);

    /// <summary>The data coordinates of a pixel's centre (for painting regions pixel by pixel).</summary>
    public (double X, double Y) DataAt(float px, float py) => (
        xRange.Min + (px + 0.5 - Area.Left) / Area.Width * (xRange.Max - xRange.Min),
        yRange.Min + (Area.Bottom - py - 0.5) / Area.Height * (yRange.Max - yRange.Min));

    public byte[] EncodePng(string title, string xLabel, string yLabel)
    {
        var canvas = Canvas;
        using var axis = new SKPaint { Color = SKColors.Black, StrokeWidth = 1, Style = SKPaintStyle.Stroke, IsAntialias = false };
        using var grid = new SKPaint { Color = new SKColor(0, 0, 0, 40), StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        foreach (var tick in Ticks(xRange))
        {
            var px = X(tick);
            canvas.DrawLine(px, Area.Top, px, Area.Bottom, grid);
            canvas.DrawLine(px, Area.Bottom, px, Area.Bottom + 5, axis);
            canvas.DrawText(Format(tick), px, Area.Bottom + 19, SKTextAlign.Center, font, ink);
        }

        foreach (var tick in Ticks(yRange))
        {
            var py = Y(tick);
            canvas.DrawLine(Area.Left, py, Area.Right, py, grid);
            canvas.DrawLine(Area.Left - 5, py, Area.Left, py, axis);
            canvas.DrawText(Format(tick), Area.Left - 8, py + 4, SKTextAlign.Right, font, ink);
        }

        canvas.DrawRect(Area, axis);
        canvas.DrawText(title, Width / 2f, Top - 14, SKTextAlign.Center, font, ink);
        canvas.DrawText(xLabel, Area.MidX, Height - 14, SKTextAlign.Center, font, ink);
        canvas.Save();
        canvas.RotateDegrees(-90, 16, Area.MidY);
        canvas.DrawText(yLabel, 16, Area.MidY + 4, SKTextAlign.Center, font, ink);
        canvas.Restore();

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("PNG encoding failed");
        return png.ToArray();
    }

    /// <summary>Ticks at 1, 2 or 5 × 10^k, about five of them, inside the range.</summary>
    public static IReadOnlyList<double> Ticks((double Min, double Max) range)
    {
        var rough = (range.Max - range.Min) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(f => f * magnitude).First(s => s >= rough);
        var ticks = new List<double>();
        for (var tick = Math.Ceiling(range.Min / step) * step; tick <= range.Max + step * 1e-9; tick += step)
        {
            ticks.Add(Math.Abs(tick) < step * 1e-9 ? 0 : tick);
        }

        return ticks;
    }

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    // A flat series (every cost equal, e.g. zeros initialisation) still needs a range to map onto.
    private static (double Min, double Max) Widen((double Min, double Max) range) =>
        range.Max > range.Min ? range : (range.Min - 0.5 * Math.Max(1e-12, Math.Abs(range.Min)), range.Max + 0.5 * Math.Max(1e-12, Math.Abs(range.Max)));

    public void Dispose()
    {
        font.Dispose();
        surface.Dispose();
    }
}
