namespace Platform.Dashboard.Components;

/// <summary>One point of a <see cref="LineChart"/> (for metrics: X is the step, Y the value).</summary>
public readonly record struct ChartPoint(double X, double Y);
