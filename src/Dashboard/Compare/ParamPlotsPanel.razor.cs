using System.Globalization;
using Microsoft.AspNetCore.Components;
using Platform.Contracts.Tracking;
using Platform.Dashboard.Components;
using Platform.Dashboard.Formatting;

namespace Platform.Dashboard.Compare;

public partial class ParamPlotsPanel
{
    private const double PcWidth = 1200, PcHeight = 320, PcTop = 36, PcBottom = 300, PcLeft = 70, PcRight = 1100;
    private const double ScWidth = 640, ScHeight = 260, ScLeft = 64, ScRight = 620, ScTop = 14, ScBottom = 220;

    [Parameter, EditorRequired]
    public IReadOnlyList<Run> Runs { get; set; } = [];

    private IReadOnlyList<string> MetricKeys { get; set; } = [];

    private IReadOnlyList<string> ParamKeys { get; set; } = [];

    private string Metric { get; set; } = "";

    private string Param { get; set; } = "";

    private ParallelCoordinates Parallel => ParamPlots.Parallel(Runs, Metric);

    private ScatterPlot Scatter => ParamPlots.Scatter(Runs, Param, Metric);

    protected override void OnParametersSet()
    {
        MetricKeys = Runs.SelectMany(r => r.Data.Metrics.Select(m => m.Key)).Distinct().Order(StringComparer.Ordinal).ToArray();
        ParamKeys = ParamPlots.VaryingParams(Runs);
        Metric = MetricKeys.Contains(Metric) ? Metric : MetricKeys.FirstOrDefault() ?? "";
        Param = ParamKeys.Contains(Param) ? Param : ParamKeys.FirstOrDefault() ?? "";
    }

    private static string S(double v) => ChartGeometry.Svg(v);

    private static double AxisX(int axis, int count) => count == 1 ? (PcLeft + PcRight) / 2 : PcLeft + axis * (PcRight - PcLeft) / (count - 1);

    private static double PcY(double position) => PcBottom - position * (PcBottom - PcTop);

    private static double ScX(double position) => ScLeft + 12 + position * (ScRight - ScLeft - 24);

    private static double ScY(double position) => ScBottom - 10 - position * (ScBottom - ScTop - 20);

    /// <summary>A polyline through the axes where the run has a value (a missing one is skipped, not drawn at zero).</summary>
    private static string PcPoints(ParallelLine line, int count) => string.Join(' ', line.Positions
        .Select((p, a) => (p, a)).Where(x => x.p is not null)
        .Select(x => $"{S(AxisX(x.a, count))},{S(PcY(x.p!.Value))}"));

    /// <summary>A blue-to-orange ramp over the metric (low to high); grey for runs without the metric.</summary>
    internal static string MetricColour(double? position) => position is { } m
        ? string.Create(CultureInfo.InvariantCulture, $"hsl({220 - 195 * m:0}, 72%, {48 + 4 * m:0}%)")
        : "#b8bec8";

    private string MetricText(int runIndex) => Runs[runIndex].Data.LatestMetric(Metric) is { } v ? DisplayFormat.Number(v) : "—";

    private static string Short(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
