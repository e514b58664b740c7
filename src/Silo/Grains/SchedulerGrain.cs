using Platform.Contracts.Grains;

namespace Platform.Silo.Grains;

/// <summary>
/// The cluster's trial queue (key 0): first in, first out, matched to what each worker can run. Leases carry an expiry that
/// the sweeps-and-scheduling work will enforce; for now a granted trial is the worker's until it reports an outcome.
/// </summary>
public sealed class SchedulerGrain : Grain, ISchedulerGrain
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    private readonly LinkedList<(TrialSpec Trial, string ExperimentId)> _queue = new();

    public Task Enqueue(TrialSpec trial, string experimentId)
    {
        if (!_queue.Any(q => q.Trial.RunId == trial.RunId))
        {
            _queue.AddLast((trial, experimentId));
        }

        return Task.CompletedTask;
    }

    public Task<TrialLease?> TryLease(WorkerOffer offer)
    {
        for (var node = _queue.First; node is not null; node = node.Next)
        {
            if (offer.Assignments.Contains(node.Value.Trial.Assignment))
            {
                _queue.Remove(node);
                return Task.FromResult<TrialLease?>(new TrialLease(node.Value.Trial, node.Value.ExperimentId, DateTimeOffset.UtcNow + LeaseDuration));
            }
        }

        return Task.FromResult<TrialLease?>(null);
    }

    public Task<int> QueueLength() => Task.FromResult(_queue.Count);
}
