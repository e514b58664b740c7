using Platform.Contracts.Grains;

namespace Platform.Silo.Sweeps.Placement;

/// <summary>
/// A queued trial as the scheduler sees it. <see cref="Sequence"/> is its queue position (FIFO within a sweep);
/// <see cref="SweepId"/> groups trials for fair share (a single run is its own group).
/// </summary>
public sealed record PendingTrial(string TrialId, string? SweepId, string Assignment, int Priority, long Sequence, ResourceNeeds Needs)
{
    public string ShareGroup => SweepId ?? "run:" + TrialId;
}
