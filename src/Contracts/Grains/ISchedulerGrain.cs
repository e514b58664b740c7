using Orleans.Concurrency;

namespace Platform.Contracts.Grains;

/// <summary>The queue of trials waiting for a worker (one per cluster, key 0). Workers pull; the scheduler grants leases.</summary>
[Alias("Platform.ISchedulerGrain")]
public interface ISchedulerGrain : IGrainWithIntegerKey
{
    [Alias("Enqueue")]
    Task Enqueue(TrialSpec trial, string experimentId);

    /// <summary>The next trial this worker can run, or null when there is none.</summary>
    [Alias("TryLease")]
    Task<TrialLease?> TryLease(WorkerOffer offer);

    /// <summary>The trial no longer holds what it was granted (it ended or was queued again).</summary>
    [Alias("Release")]
    Task Release(string runId);

    [Alias("QueueLength")]
    Task<int> QueueLength();

    /// <summary>A worker is alive: it renewed a lease (the trial grain relays heartbeats and reports). Fire and forget.</summary>
    [Alias("WorkerSeen"), OneWay]
    Task WorkerSeen(string workerId);

    /// <summary>Workers, what they hold and the queue, for the cluster view. Reads only.</summary>
    [Alias("GetSnapshot"), ReadOnly]
    Task<SchedulerSnapshot> GetSnapshot();
}
