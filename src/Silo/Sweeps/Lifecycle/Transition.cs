namespace Platform.Silo.Sweeps.Lifecycle;

/// <summary>The state after an event and what the event did; <see cref="Reason"/> says why when it was rejected.</summary>
public sealed record Transition<TState>(TState State, TransitionOutcome Outcome, string? Reason = null)
{
    public bool Applied => Outcome == TransitionOutcome.Applied;
}
