using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Platform.Contracts.Api;
using Platform.Contracts.Grains;
using Platform.Silo.Store;
using Platform.Silo.Sweeps.Placement;

namespace Platform.Silo.Grains;

/// <summary>
/// The cluster's trial queue (key 0), matched to what each worker can run: first in, first out for a worker without a
/// capacity, placed by <see cref="PlacementPlanner"/> (needs, fractional GPUs, fair share between sweeps) for one with it.
/// The trial grain grants the lease (it owns the lifecycle); the queue only says whose turn it is. On activation (first use
/// after a start) it recovers what the store says was unfinished: trials are queued again and running sweeps top up.
/// Reentrant: trial grains call in to enqueue while it waits on another trial's lease, and each turn's queue edit is synchronous.
/// </summary>
[Reentrant]
public sealed partial class SchedulerGrain(ITrackingStore store, IGrainFactory grains, ILogger<SchedulerGrain> logger) : Grain, ISchedulerGrain
{
    private readonly LinkedList<(TrialSpec Trial, string ExperimentId, long Sequence)> _queue = new();
    private readonly HashSet<string> _queued = [];
    private long _sequence;

    public override Task OnActivateAsync(CancellationToken ct)
    {
        ReportQueueLength();
        // After activation, not during it: recovery calls trial and sweep grains, which call back into this one.
        this.RegisterGrainTimer(RecoverAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true });
        return Task.CompletedTask;
    }

    public Task Enqueue(TrialSpec trial, string experimentId)
    {
        if (_queued.Add(trial.RunId))
        {
            InsertInSweepOrder(trial, experimentId);
            _enqueuedAt[trial.RunId] = DateTimeOffset.UtcNow;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Appends the trial, but ahead of any trials of its sweep at the end of the queue with a later suggestion index: a sweep
    /// starts its trials concurrently, so they can arrive slightly out of order, and a grid should still run in grid order.
    /// The trials it moves ahead of each take the next sequence number, so the queue stays ordered by sequence.
    /// </summary>
    private void InsertInSweepOrder(TrialSpec trial, string experimentId)
    {
        LinkedListNode<(TrialSpec Trial, string ExperimentId, long Sequence)>? later = null;
        for (var node = _queue.Last; trial.SweepId is not null && node is not null
             && node.Value.Trial.SweepId == trial.SweepId && node.Value.Trial.Index > trial.Index; node = node.Previous)
        {
            later = node;
        }

        if (later is null)
        {
            _queue.AddLast((trial, experimentId, _sequence++));
            return;
        }

        _queue.AddBefore(later, (trial, experimentId, later.Value.Sequence));
        for (var node = later; node is not null; node = node.Next)
        {
            node.Value = node.Value with { Sequence = node.Next?.Value.Sequence ?? _sequence++ };
        }
    }

    public async Task<TrialLease?> TryLease(WorkerOffer offer)
    {
        NoteOffer(offer);
        return NoteLeased(offer.WorkerId, await TryLeaseCoreAsync(offer));
    }

    private async Task<TrialLease?> TryLeaseCoreAsync(WorkerOffer offer)
    {
        if (offer.Capacity is { } capacity)
        {
            return await TryPlaceAsync(capacity);
        }

        for (var node = _queue.First; node is not null;)
        {
            var next = node.Next;
            if (offer.Assignments.Contains(node.Value.Trial.Assignment))
            {
                // Taken off the queue before asking: a trial that refuses (cancelled, paused, backing off) queues itself again when due.
                _queue.Remove(node);
                _queued.Remove(node.Value.Trial.RunId);
                if (await grains.GetGrain<ITrialGrain>(node.Value.Trial.RunId).TryLease(offer.WorkerId) is { } lease)
                {
                    return lease;
                }
            }

            node = next is { List: not null } ? next : _queue.First;
        }

        return null;
    }

    public Task<int> QueueLength() => Task.FromResult(_queue.Count);

    private async Task RecoverAsync(CancellationToken ct)
    {
        var trials = await store.ListUnfinishedTrialsAsync(TrialStatusMapping.TerminalStates, ct);
        foreach (var trial in trials)
        {
            await grains.GetGrain<ITrialGrain>(trial.RunId).Recover();
        }

        var sweeps = (await store.ListSweepsAsync(ct)).Where(s => !SweepStates.IsTerminal(s.State)).ToArray();
        foreach (var sweep in sweeps)
        {
            await grains.GetGrain<ISweepGrain>(sweep.SweepId).Recover();
        }

        if (trials.Count + sweeps.Length > 0)
        {
            logger.LogInformation("Recovered {Trials} unfinished trials and {Sweeps} unfinished sweeps", trials.Count, sweeps.Length);
        }
    }
}
