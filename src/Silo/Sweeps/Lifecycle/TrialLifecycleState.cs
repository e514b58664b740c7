namespace Platform.Silo.Sweeps.Lifecycle;

/// <summary>
/// Everything the trial state machine needs, as one immutable value the trial grain persists. <see cref="Retries"/>
/// counts lost leases and retryable failures; <see cref="NotBefore"/> is the backoff: a re-queued trial is not leased
/// before it.
/// </summary>
public sealed record TrialLifecycleState(
    TrialState State,
    int Retries = 0,
    string? WorkerId = null,
    DateTimeOffset? LeaseExpiresAt = null,
    DateTimeOffset? NotBefore = null,
    string? Error = null)
{
    public static TrialLifecycleState Queued { get; } = new(TrialState.Queued);

    public bool IsTerminal => State is TrialState.Finished or TrialState.Failed or TrialState.Pruned or TrialState.Cancelled;

    /// <summary>Leased or running: a worker holds it and must keep renewing the lease.</summary>
    public bool IsHeld => State is TrialState.Leased or TrialState.Running;
}
