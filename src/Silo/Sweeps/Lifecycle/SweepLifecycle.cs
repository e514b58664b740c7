namespace Platform.Silo.Sweeps.Lifecycle;

/// <summary>
/// The sweep state machine: running ⇄ paused, and either to finished (no more suggestions and every trial ended) or
/// cancelled. Idempotent like <see cref="TrialLifecycle"/>; pausing or cancelling the sweep's trials is the grain's job.
/// </summary>
public static class SweepLifecycle
{
    public static Transition<SweepState> Pause(SweepState s) => s switch
    {
        SweepState.Running => new(SweepState.Paused, TransitionOutcome.Applied),
        SweepState.Paused => new(s, TransitionOutcome.Ignored),
        _ => Reject(s, "pause"),
    };

    public static Transition<SweepState> Resume(SweepState s) => s switch
    {
        SweepState.Paused => new(SweepState.Running, TransitionOutcome.Applied),
        SweepState.Running => new(s, TransitionOutcome.Ignored),
        _ => Reject(s, "resume"),
    };

    public static Transition<SweepState> Cancel(SweepState s) => s switch
    {
        SweepState.Running or SweepState.Paused => new(SweepState.Cancelled, TransitionOutcome.Applied),
        SweepState.Cancelled => new(s, TransitionOutcome.Ignored),
        _ => Reject(s, "cancel"),
    };

    /// <summary>A paused sweep can finish too: its last running trials may end while it is paused.</summary>
    public static Transition<SweepState> Finish(SweepState s) => s switch
    {
        SweepState.Running or SweepState.Paused => new(SweepState.Finished, TransitionOutcome.Applied),
        SweepState.Finished => new(s, TransitionOutcome.Ignored),
        _ => Reject(s, "finish"),
    };

    private static Transition<SweepState> Reject(SweepState s, string verb) =>
        new(s, TransitionOutcome.Rejected, $"cannot {verb} a {s.ToString().ToLowerInvariant()} sweep");
}
