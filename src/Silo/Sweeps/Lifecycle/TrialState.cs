namespace Platform.Silo.Sweeps.Lifecycle;

/// <summary>Where a trial is in its life. The last four are terminal: reached once and never left.</summary>
public enum TrialState
{
    Queued,
    Leased,
    Running,
    Paused,
    Finished,
    Failed,
    Pruned,
    Cancelled,
}
