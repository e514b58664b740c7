namespace Platform.Silo.Sweeps.Lifecycle;

/// <summary>A sweep's state: while paused no new trials are suggested or leased; the last two are terminal.</summary>
public enum SweepState
{
    Running,
    Paused,
    Finished,
    Cancelled,
}
