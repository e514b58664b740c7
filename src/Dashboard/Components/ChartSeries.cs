namespace Platform.Dashboard.Components;

/// <summary>One named curve of a multi-series <see cref="LineChart"/>; its colour is picked by its position in the list.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);
