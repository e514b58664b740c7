using Microsoft.AspNetCore.Components;
using Platform.Dashboard.Formatting;

namespace Platform.Dashboard.Components;

public partial class LineChart
{
    /// <summary>Beyond this many points markers are dropped: they would merge into a smear and bloat the SVG sent over the circuit.</summary>
    public const int MaxMarkers = 200;

    /// <summary>Colours of the series (by position), also used by legends outside the chart. Chosen to stay apart for common colour blindness.</summary>
    public const int Palette = 10;

    /// <summary>A single unnamed series; ignored when <see cref="Series"/> is set.</summary>
    [Parameter]
    public IReadOnlyList<ChartPoint> Points { get; set; } = [];

    /// <summary>Several named series on shared axes, with a legend.</summary>
    [Parameter]
    public IReadOnlyList<ChartSeries>? Series { get; set; }

    [Parameter]
    public string? Title { get; set; }

    [Parameter]
    public string XLabel { get; set; } = "step";

    /// <summary>The y values are log10 of the data (see <see cref="ChartTransforms.Log10"/>): ticks and tooltips show the data again.</summary>
    [Parameter]
    public bool LogY { get; set; }

    [Parameter]
    public string? TestId { get; set; }

    [Parameter]
    public double Width { get; set; } = 640;

    [Parameter]
    public double Height { get; set; } = 260;

    internal ChartGeometry Geometry { get; private set; } = new(Array.Empty<ChartPoint>(), 640, 260);

    private IReadOnlyList<string> Names { get; set; } = [];

    private string AriaLabel => $"{Title ?? "series"} by {XLabel}{(LogY ? ", log scale" : "")}";

    public static string ColorClass(int index) => $"c{index % Palette}";

    protected override void OnParametersSet()
    {
        var series = Series ?? [new ChartSeries(Title ?? "", Points)];
        Names = series.Select(s => s.Name).ToArray();
        Geometry = new ChartGeometry(series.Select(s => s.Points).ToArray(), Width, Height);
    }

    private string YTick(double y) => LogY ? DisplayFormat.Number(Math.Pow(10, y)) : Geometry.YTickLabel(y);

    private string Value(double y) => DisplayFormat.Number(LogY ? Math.Pow(10, y) : y);

    private string Tooltip(int series, ChartPoint p) =>
        (Names.Count > 1 ? Names[series] + ", " : "") + $"{XLabel} {DisplayFormat.Number(p.X)}: {Value(p.Y)}";
}
