using Platform.Contracts.Sweeps;

namespace Platform.Silo.Sweeps.Stopping;

/// <summary>The early stopping rule a sweep file asks for.</summary>
public static class EarlyStoppingRules
{
    /// <summary>ASHA for <c>early_terminate: hyperband</c>; null when the sweep has no <c>early_terminate</c>.</summary>
    public static IEarlyStoppingRule? Create(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.EarlyTerminate is not { } terminate)
        {
            return null;
        }

        if (terminate.Type != "hyperband")
        {
            throw new ArgumentException($"unsupported early_terminate type '{terminate.Type}'", nameof(spec));
        }

        return new AsyncSuccessiveHalving(spec.Metric?.Goal ?? MetricGoal.Minimize, HyperbandRungs.FromWandb(terminate), terminate.Eta);
    }
}
