using Platform.Contracts.Sweeps;

namespace Platform.Silo.Sweeps.Stopping;

/// <summary>The early stopping rule a sweep file asks for.</summary>
public static class EarlyStoppingRules
{
    /// <summary>
    /// ASHA for <c>early_terminate: hyperband</c>, the median stopping rule for <c>median</c>; null when the sweep has no
    /// <c>early_terminate</c>.
    /// </summary>
    public static IEarlyStoppingRule? Create(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var goal = spec.Metric?.Goal ?? MetricGoal.Minimize;
        return spec.EarlyTerminate switch
        {
            null => null,
            { Type: EarlyTerminateSpec.Hyperband } terminate => new AsyncSuccessiveHalving(goal, HyperbandRungs.FromWandb(terminate), terminate.Eta),
            { Type: EarlyTerminateSpec.Median } terminate => new MedianStoppingRule(goal, terminate.MinTrials ?? EarlyTerminateSpec.DefaultMinTrials, terminate.MinIter ?? 0),
            var terminate => throw new ArgumentException($"unsupported early_terminate type '{terminate.Type}'", nameof(spec)),
        };
    }
}
