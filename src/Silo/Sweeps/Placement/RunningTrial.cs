using Platform.Contracts.Grains;

namespace Platform.Silo.Sweeps.Placement;

/// <summary>A leased or running trial and what it holds; the planner never hands out what these hold.</summary>
public sealed record RunningTrial(string TrialId, string? SweepId, ResourceGrant Grant)
{
    public string ShareGroup => SweepId ?? "run:" + TrialId;
}
