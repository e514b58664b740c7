using Platform.Contracts.Sweeps;

namespace Platform.Silo.Sweeps.Stopping;

/// <summary>Goal-aware comparisons. A non-finite value (a diverged loss) ranks worst, so it is never kept over a real one.</summary>
internal static class MetricRanking
{
    /// <summary>The value as a loss: smaller is better whatever the goal.</summary>
    public static double AsLoss(MetricGoal goal, double value) =>
        double.IsNaN(value) ? double.PositiveInfinity : goal == MetricGoal.Minimize ? value : -value;

    public static bool IsWorse(MetricGoal goal, double value, double than) => AsLoss(goal, value) > AsLoss(goal, than);

    public static double Best(MetricGoal goal, IEnumerable<double> values) => values.MinBy(v => AsLoss(goal, v));
}
