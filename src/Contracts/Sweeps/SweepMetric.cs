namespace Platform.Contracts.Sweeps;

/// <summary>The metric a sweep optimizes: a metric key the assignment logs, its direction and an optional target that ends the sweep.</summary>
public sealed record SweepMetric(string Name, MetricGoal Goal, double? Target, int NameLine);
