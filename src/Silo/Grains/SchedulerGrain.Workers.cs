using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Grains;
using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Grains;

/// <summary>
/// What the cluster view reads: every worker's last offer and contact, the trials leased to each, and when each queued trial
/// joined the queue. Bookkeeping only; nothing here decides placement.
/// </summary>
public sealed partial class SchedulerGrain
{
    private readonly Dictionary<string, (WorkerOffer Offer, DateTimeOffset LastSeen)> _workers = [];
    private readonly Dictionary<string, (string WorkerId, LeasedTrialSnapshot Trial)> _leases = [];
    private readonly Dictionary<string, DateTimeOffset> _enqueuedAt = [];

    public Task WorkerSeen(string workerId)
    {
        if (_workers.TryGetValue(workerId, out var worker))
        {
            _workers[workerId] = worker with { LastSeen = DateTimeOffset.UtcNow };
        }

        return Task.CompletedTask;
    }

    public Task<SchedulerSnapshot> GetSnapshot()
    {
        var now = DateTimeOffset.UtcNow;
        var leaseDuration = (ServiceProvider.GetService<RetryPolicy>() ?? RetryPolicy.Default).LeaseDuration;
        var workers = _workers.Values.OrderBy(w => w.Offer.WorkerId, StringComparer.Ordinal).Select(w => new WorkerSnapshot(
                w.Offer,
                _leases.Values.Where(l => l.WorkerId == w.Offer.WorkerId).Select(l => l.Trial).OrderBy(t => t.LeasedAt).ToArray(),
                w.LastSeen,
                now - w.LastSeen <= leaseDuration))
            .ToArray();
        var queue = _queue.Select(q => new QueuedTrialSnapshot(q.Trial, q.ExperimentId, _enqueuedAt.GetValueOrDefault(q.Trial.RunId, now))).ToArray();
        return Task.FromResult(new SchedulerSnapshot(workers, queue, now));
    }

    private void NoteOffer(WorkerOffer offer) => _workers[offer.WorkerId] = (offer, DateTimeOffset.UtcNow);

    private TrialLease? NoteLeased(string workerId, TrialLease? lease)
    {
        if (lease is not null)
        {
            _enqueuedAt.Remove(lease.Trial.RunId);
            _leases[lease.Trial.RunId] = (workerId, new LeasedTrialSnapshot(lease.Trial, DateTimeOffset.UtcNow, lease.Grant));
        }

        return lease;
    }
}
