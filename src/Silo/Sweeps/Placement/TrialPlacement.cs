using Platform.Contracts.Grains;

namespace Platform.Silo.Sweeps.Placement;

/// <summary>A decision of the planner: run this trial on <see cref="ResourceGrant.WorkerId"/> with these resources.</summary>
public sealed record TrialPlacement(PendingTrial Trial, ResourceGrant Grant);
