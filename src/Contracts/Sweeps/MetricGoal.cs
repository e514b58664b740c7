namespace Platform.Contracts.Sweeps;

/// <summary>Whether the sweep's metric should go down or up. W&amp;B defaults to <see cref="Minimize"/>.</summary>
public enum MetricGoal
{
    Minimize,
    Maximize,
}
