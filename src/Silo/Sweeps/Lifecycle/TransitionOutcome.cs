namespace Platform.Silo.Sweeps.Lifecycle;

/// <summary>What an event did to a state machine.</summary>
public enum TransitionOutcome
{
    /// <summary>The state changed (or a lease was renewed).</summary>
    Applied,

    /// <summary>Nothing to do: a repeated event (already in that state), safe to acknowledge.</summary>
    Ignored,

    /// <summary>Not legal from the current state, or from a worker that no longer holds the lease; the state is unchanged.</summary>
    Rejected,
}
