using Microsoft.AspNetCore.Components;

namespace Platform.Dashboard.Components;

public partial class LineChart
{
    /// <summary>Beyond this many points markers are dropped: they would merge into a smear and bloat the SVG sent over the circuit.</summary>
    public const int MaxMarkers = 200;

    [Parameter, EditorRequired]
    public IReadOnlyList<ChartPoint> Points { get; set; } = [];

    [Parameter]
    public string? Title { get; set; }

    [Parameter]
    public string XLabel { get; set; } = "step";

    [Parameter]
    public string? TestId { get; set; }

    [Parameter]
    public double Width { get; set; } = 640;

    [Parameter]
    public double Height { get; set; } = 260;

    internal ChartGeometry Geometry { get; private set; } = new([], 640, 260);

    private string AriaLabel => $"{Title ?? "series"} by {XLabel}";

    protected override void OnParametersSet() => Geometry = new ChartGeometry(Points, Width, Height);
}
