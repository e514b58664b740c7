using Platform.Contracts.Sweeps;

namespace Platform.Contracts.Grains;

/// <summary>
/// One trial (one tracked run), keyed by its run id: owns the trial's lifecycle (queued, leased, running, ended) and its lease.
/// Worker calls name the worker; calls from a worker that no longer holds the lease are ignored and answered with a stop.
/// </summary>
[Alias("Platform.ITrialGrain")]
public interface ITrialGrain : IGrainWithStringKey
{
    /// <summary>Creates the run (status SCHEDULED) with its params and tags and queues it. Idempotent.</summary>
    [Alias("Start")]
    Task<string> Start(TrialSpec spec);

    /// <summary>
    /// Creates the run as <see cref="Start"/> does but does not queue it yet (<see cref="Queue"/> does). A sweep creates a
    /// batch of trials concurrently and then queues them one after another, so that an idle worker cannot take a later
    /// suggestion before an earlier one has reached the queue. Idempotent.
    /// </summary>
    [Alias("Create")]
    Task<string> Create(TrialSpec spec);

    /// <summary>Queues a created trial that is still waiting to run; anything else is left as it is.</summary>
    [Alias("Queue")]
    Task Queue();

    /// <summary>The scheduler offers the trial to a worker: a lease, or null when the trial can no longer be leased.</summary>
    [Alias("TryLease")]
    Task<TrialLease?> TryLease(string workerId);

    /// <summary>A worker holds the lease and has begun training: the run becomes RUNNING.</summary>
    [Alias("MarkRunning")]
    Task<TrialDirective> MarkRunning(string workerId);

    /// <summary>Renews the lease; the answer says whether to stop (cancelled, pruned, lease lost).</summary>
    [Alias("Heartbeat")]
    Task<TrialDirective> Heartbeat(string workerId);

    /// <summary>Values of the watched metric since the last report (at most one per step); renews the lease like a heartbeat.</summary>
    [Alias("ReportMetrics")]
    Task<TrialDirective> ReportMetrics(string workerId, TrialMetricReport[] reports);

    /// <summary>The worker's report of how the run ended; the sweep it belongs to, if any, is told. Stale reports are ignored.</summary>
    [Alias("Complete")]
    Task Complete(string workerId, TrialOutcome outcome);

    /// <summary>Ends the trial KILLED (tag platform.outcome=CANCELLED); a running one is told to stop at its next heartbeat.</summary>
    /// <returns>Null when cancelled (or already cancelled), else why not (the trial already ended otherwise).</returns>
    [Alias("Cancel")]
    Task<string?> Cancel();

    /// <summary>Early stopping decided against the trial: it ends KILLED (tag platform.outcome=PRUNED), metrics kept.</summary>
    [Alias("Prune")]
    Task Prune(string reason);

    /// <summary>A queued trial is held back (not leased) until <see cref="Resume"/>; a running one runs on.</summary>
    [Alias("Pause")]
    Task Pause();

    [Alias("Resume")]
    Task Resume();

    /// <summary>After a restart: reloads the stored state; a trial that was queued, leased or running is queued again.</summary>
    [Alias("Recover")]
    Task Recover();

    [Alias("GetStatus")]
    Task<Tracking.RunStatus> GetStatus();
}
