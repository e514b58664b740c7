using System.Globalization;

namespace Platform.Dashboard.Components;

/// <summary>
/// The arithmetic of <see cref="LineChart"/>, kept apart from markup so it can be tested directly:
/// which points are drawable, the axis domains and ticks, and the data-to-pixel mapping.
/// </summary>
public sealed class ChartGeometry
{
    public const double MarginLeft = 64, MarginRight = 20, MarginTop = 14, MarginBottom = 40;

    public ChartGeometry(IReadOnlyList<ChartPoint> points, double width, double height)
        : this([points], width, height)
    {
    }

    /// <summary>Several series on shared axes (the compare view overlays one curve per run).</summary>
    public ChartGeometry(IReadOnlyList<IReadOnlyList<ChartPoint>> series, double width, double height)
    {
        Width = width;
        Height = height;
        // Diverged runs log NaN/Infinity; they have no place on an axis, so they are left out (and counted for a note).
        Series = series.Select(points => (IReadOnlyList<ChartPoint>)points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X).ToArray()).ToArray();
        Drawn = Series.Count == 1 ? Series[0] : Series.SelectMany(s => s).ToArray();
        Skipped = series.Sum(s => s.Count) - Drawn.Count;
        if (Drawn.Count == 0)
        {
            return;
        }

        var xs = Drawn.Select(p => p.X).ToArray();
        (XMin, XMax) = Pad(xs.Min(), xs.Max());
        // Metric steps are integers: a tick at step 0.25 would be meaningless.
        var integerX = xs.All(x => x == Math.Floor(x));
        XTicks = InnerTicks(XMin, XMax, integerX);

        var ys = Drawn.Select(p => p.Y).ToArray();
        var (yLo, yHi) = Pad(ys.Min(), ys.Max());
        // The y domain is widened to round tick values, so the curve never touches the frame and labels read cleanly.
        var step = NiceNumber((yHi - yLo) / 4, round: true);
        YMin = Math.Floor(yLo / step) * step;
        YMax = Math.Ceiling(yHi / step) * step;
        var count = (int)Math.Round((YMax - YMin) / step);
        YTicks = Enumerable.Range(0, count + 1).Select(i => Math.Round(YMin + i * step, 12)).ToArray();
        YTickDecimals = Decimals(step);
        XTickDecimals = Decimals(XTicks.Count > 1 ? XTicks[1] - XTicks[0] : 1);
    }

    public double Width { get; }

    public double Height { get; }

    /// <summary>The drawable points of each series, in x order.</summary>
    public IReadOnlyList<IReadOnlyList<ChartPoint>> Series { get; }

    /// <summary>All drawable points of all series.</summary>
    public IReadOnlyList<ChartPoint> Drawn { get; }

    public int Skipped { get; }

    public double XMin { get; }

    public double XMax { get; }

    public double YMin { get; }

    public double YMax { get; }

    public IReadOnlyList<double> XTicks { get; } = [];

    public IReadOnlyList<double> YTicks { get; } = [];

    public int XTickDecimals { get; }

    public int YTickDecimals { get; }

    public double PlotLeft => MarginLeft;

    public double PlotRight => Width - MarginRight;

    public double PlotTop => MarginTop;

    public double PlotBottom => Height - MarginBottom;

    public double PixelX(double x) => PlotLeft + (x - XMin) / (XMax - XMin) * (PlotRight - PlotLeft);

    public double PixelY(double y) => PlotBottom - (y - YMin) / (YMax - YMin) * (PlotBottom - PlotTop);

    public string PolylinePoints(int series = 0) => string.Join(' ', Series[series].Select(p => $"{Svg(PixelX(p.X))},{Svg(PixelY(p.Y))}"));

    public string XTickLabel(double x) => x.ToString("F" + XTickDecimals, CultureInfo.InvariantCulture);

    public string YTickLabel(double y) => y.ToString("F" + YTickDecimals, CultureInfo.InvariantCulture);

    /// <summary>SVG coordinates: invariant culture, two decimals are below a pixel.</summary>
    public static string Svg(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A single value (one point, or a constant series) gets a window around it, so it sits mid-axis instead of dividing by zero.</summary>
    private static (double Lo, double Hi) Pad(double lo, double hi)
    {
        if (hi > lo)
        {
            return (lo, hi);
        }

        var pad = lo == 0 ? 1 : Math.Abs(lo) * 0.1;
        return (lo - pad, hi + pad);
    }

    /// <summary>Round tick values inside [lo, hi], about five of them.</summary>
    private static IReadOnlyList<double> InnerTicks(double lo, double hi, bool integers)
    {
        var step = NiceNumber((hi - lo) / 4, round: true);
        if (integers)
        {
            step = Math.Max(1, Math.Round(step));
        }

        var first = Math.Ceiling(lo / step) * step;
        var ticks = new List<double>();
        for (var i = 0; first + i * step <= hi + step * 1e-9; i++)
        {
            ticks.Add(Math.Round(first + i * step, 12));
        }

        return ticks;
    }

    /// <summary>Heckbert's "nice numbers": 1, 2, 5 or 10 times a power of ten.</summary>
    private static double NiceNumber(double range, bool round)
    {
        var exponent = Math.Floor(Math.Log10(range));
        var fraction = range / Math.Pow(10, exponent);
        var nice = round
            ? fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
            : fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * Math.Pow(10, exponent);
    }

    private static int Decimals(double step) => step >= 1 ? 0 : Math.Min(10, (int)Math.Ceiling(-Math.Log10(step) - 1e-9));
}
