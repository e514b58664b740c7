using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Platform.Dashboard.Components;

public partial class MetricChart
{
    [Parameter]
    public IReadOnlyList<ChartPoint> Points { get; set; } = [];

    /// <summary>The same points by wall time (x = seconds since the run started); when given, the chart offers it as its x axis.</summary>
    [Parameter]
    public IReadOnlyList<ChartPoint>? WallTimePoints { get; set; }

    /// <summary>Several runs' curves on one chart (the compare view); the transforms apply to each.</summary>
    [Parameter]
    public IReadOnlyList<ChartSeries>? Series { get; set; }

    [Parameter]
    public string? Title { get; set; }

    /// <summary>A sentence under the chart, e.g. how many points the server kept of how many.</summary>
    [Parameter]
    public string? Caption { get; set; }

    [Parameter]
    public string? TestId { get; set; }

    /// <summary>The drawing's size in SVG units (it scales to its box): a chart alone on a row is wider, so its text stays small.</summary>
    [Parameter]
    public double Width { get; set; } = 640;

    [Parameter]
    public double Height { get; set; } = 260;

    internal bool LogScale { get; private set; }

    internal double Smoothing { get; private set; }

    internal bool WallTime { get; private set; }

    private const string WallAxis = "wall";

    private string XLabel => WallTime ? "seconds since start" : "step";

    private IReadOnlyList<ChartPoint> Drawn { get; set; } = [];

    private IReadOnlyList<ChartSeries>? DrawnSeries { get; set; }

    private string? Note { get; set; }

    protected override void OnParametersSet() => Recompute();

    internal void SetLogScale(bool on)
    {
        LogScale = on;
        Recompute();
    }

    internal void SetWallTime(bool on)
    {
        WallTime = on && WallTimePoints is not null;
        Recompute();
    }

    internal void SetSmoothing(double weight)
    {
        Smoothing = weight;
        Recompute();
    }

    private void Recompute()
    {
        var dropped = 0;
        Drawn = Transform(WallTime && WallTimePoints is { } wall ? wall : Points, ref dropped);
        DrawnSeries = Series?.Select(s => s with { Points = Transform(s.Points, ref dropped) }).ToArray();
        var parts = new List<string>();
        if (Caption is not null)
        {
            parts.Add(Caption);
        }

        if (dropped > 0)
        {
            parts.Add($"{dropped} zero or negative {(dropped == 1 ? "value" : "values")} left off the log scale.");
        }

        Note = parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private IReadOnlyList<ChartPoint> Transform(IReadOnlyList<ChartPoint> points, ref int dropped)
    {
        // Smoothing before the log: averaging in log space would be a geometric mean, which is not what the slider promises.
        var smoothed = ChartTransforms.Smooth(points, Smoothing);
        if (!LogScale)
        {
            return smoothed;
        }

        var (logged, nonPositive) = ChartTransforms.Log10(smoothed);
        dropped += nonPositive;
        return logged;
    }

    private static double ParseWeight(object? value) =>
        double.TryParse(value?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var w) ? Math.Clamp(w, 0, 0.99) : 0;
}
