using System.Globalization;

namespace Platform.Silo.Sweeps.Lifecycle;

/// <summary>
/// The trial state machine, as pure functions from (state, event) to the next state:
/// <code>
/// queued ──lease──▶ leased ──start──▶ running ──finish / prune──▶ finished / pruned
///   ▲                  │                 │
///   └── lease expired or retryable failure (backoff; after MaxRetries: failed)
/// queued / leased / running ──pause──▶ paused ──resume──▶ queued;   any non-terminal ──cancel──▶ cancelled
/// </code>
/// Events are idempotent: repeating one that already took effect is <see cref="TransitionOutcome.Ignored"/>, so every
/// terminal state is reached exactly once. Worker events are checked against the lease holder, so a worker that lost its
/// lease (the trial was re-queued) is <see cref="TransitionOutcome.Rejected"/> and should kill its process.
/// </summary>
public sealed class TrialLifecycle(RetryPolicy policy)
{
    public RetryPolicy Policy { get; } = policy;

    public Transition<TrialLifecycleState> Lease(TrialLifecycleState s, string workerId, DateTimeOffset now)
    {
        if (s.State == TrialState.Queued)
        {
            return s.NotBefore is { } notBefore && now < notBefore
                ? Reject(s, $"backing off until {notBefore.ToString("O", CultureInfo.InvariantCulture)}")
                : Apply(s with { State = TrialState.Leased, WorkerId = workerId, LeaseExpiresAt = now + Policy.LeaseDuration, NotBefore = null });
        }

        return s.State == TrialState.Leased && s.WorkerId == workerId ? Ignore(s) : Reject(s, $"cannot lease a {Name(s)} trial");
    }

    /// <summary>The worker started the trial's process; the lease is renewed.</summary>
    public Transition<TrialLifecycleState> Start(TrialLifecycleState s, string workerId, DateTimeOffset now)
    {
        if (CheckHolder(s, workerId, TrialState.Running) is { } refused)
        {
            return refused;
        }

        return s.State == TrialState.Running
            ? Ignore(s)
            : Apply(s with { State = TrialState.Running, LeaseExpiresAt = now + Policy.LeaseDuration });
    }

    /// <summary>Renews the lease; rejected once the lease has lapsed, even before <see cref="ExpireLease"/> re-queues it.</summary>
    public Transition<TrialLifecycleState> Heartbeat(TrialLifecycleState s, string workerId, DateTimeOffset now)
    {
        if (CheckHolder(s, workerId, null) is { } refused)
        {
            return refused;
        }

        return now >= s.LeaseExpiresAt
            ? Reject(s, "the lease has expired")
            : Apply(s with { LeaseExpiresAt = now + Policy.LeaseDuration });
    }

    /// <summary>Called by the grain's timer: a held trial whose lease ran out goes back to the queue (or fails).</summary>
    public Transition<TrialLifecycleState> ExpireLease(TrialLifecycleState s, DateTimeOffset now) =>
        s.IsHeld && now >= s.LeaseExpiresAt ? Retry(s, now, $"lease of worker {s.WorkerId} expired") : Ignore(s);

    public Transition<TrialLifecycleState> Finish(TrialLifecycleState s, string workerId) =>
        CheckHolder(s, workerId, TrialState.Finished) ?? Apply(Ended(s, TrialState.Finished, null));

    /// <summary>
    /// The trial failed on its worker. A retryable failure (a crashed process, a lost GPU) is retried like a lost lease;
    /// a deterministic one (bad hyperparameters, NaN) fails the trial at once.
    /// </summary>
    public Transition<TrialLifecycleState> Fail(TrialLifecycleState s, string workerId, string error, bool retryable, DateTimeOffset now) =>
        CheckHolder(s, workerId, TrialState.Failed) ?? (retryable ? Retry(s, now, error) : Apply(Ended(s, TrialState.Failed, error)));

    /// <summary>Early stopping decided against a held trial: it ends PRUNED and keeps its metrics.</summary>
    public Transition<TrialLifecycleState> Prune(TrialLifecycleState s, string reason)
    {
        if (s.IsTerminal)
        {
            return Repeat(s, TrialState.Pruned);
        }

        return s.IsHeld ? Apply(Ended(s, TrialState.Pruned, reason)) : Reject(s, $"cannot prune a {Name(s)} trial");
    }

    public Transition<TrialLifecycleState> Cancel(TrialLifecycleState s) =>
        s.IsTerminal ? Repeat(s, TrialState.Cancelled) : Apply(Ended(s, TrialState.Cancelled, null));

    /// <summary>Stops a trial without ending it: its worker is told to stop; on resume it is queued and continues from its checkpoint.</summary>
    public Transition<TrialLifecycleState> Pause(TrialLifecycleState s) => s switch
    {
        { IsTerminal: true } => Reject(s, $"cannot pause a {Name(s)} trial"),
        { State: TrialState.Paused } => Ignore(s),
        _ => Apply(s with { State = TrialState.Paused, WorkerId = null, LeaseExpiresAt = null, NotBefore = null }),
    };

    public Transition<TrialLifecycleState> Resume(TrialLifecycleState s) => s switch
    {
        { IsTerminal: true } => Reject(s, $"cannot resume a {Name(s)} trial"),
        { State: TrialState.Paused } => Apply(s with { State = TrialState.Queued }),
        _ => Ignore(s),
    };

    private Transition<TrialLifecycleState> Retry(TrialLifecycleState s, DateTimeOffset now, string why)
    {
        var retries = s.Retries + 1;
        if (retries > Policy.MaxRetries)
        {
            return Apply(Ended(s with { Retries = retries }, TrialState.Failed, $"{why}; gave up after {Policy.MaxRetries} retries"));
        }

        // Exponential backoff with a cap, so a trial that crashes its workers does not hot-loop through the cluster.
        return Apply(new TrialLifecycleState(TrialState.Queued, retries, NotBefore: now + Policy.BackoffFor(retries), Error: why));
    }

    /// <summary>
    /// Worker events need the worker that holds the lease. On a terminal trial, repeating the event that ended it is
    /// ignored; anything else is a stale report and rejected.
    /// </summary>
    private static Transition<TrialLifecycleState>? CheckHolder(TrialLifecycleState s, string workerId, TrialState? target)
    {
        if (s.IsTerminal)
        {
            return target is { } t ? Repeat(s, t) : Reject(s, $"the trial is {Name(s)}");
        }

        if (!s.IsHeld)
        {
            return Reject(s, $"the trial is {Name(s)}, not leased");
        }

        return s.WorkerId == workerId ? null : Reject(s, $"the lease is held by worker {s.WorkerId}, not {workerId}");
    }

    private static Transition<TrialLifecycleState> Repeat(TrialLifecycleState s, TrialState target) =>
        s.State == target ? Ignore(s) : Reject(s, $"the trial already ended {Name(s)}");

    private static TrialLifecycleState Ended(TrialLifecycleState s, TrialState state, string? error) =>
        s with { State = state, LeaseExpiresAt = null, NotBefore = null, Error = error ?? s.Error };

    private static string Name(TrialLifecycleState s) => s.State.ToString().ToLowerInvariant();

    private static Transition<TrialLifecycleState> Apply(TrialLifecycleState s) => new(s, TransitionOutcome.Applied);

    private static Transition<TrialLifecycleState> Ignore(TrialLifecycleState s) => new(s, TransitionOutcome.Ignored);

    private static Transition<TrialLifecycleState> Reject(TrialLifecycleState s, string reason) => new(s, TransitionOutcome.Rejected, reason);
}
