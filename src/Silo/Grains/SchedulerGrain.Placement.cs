using Platform.Contracts.Grains;
using Platform.Silo.Sweeps.Placement;

namespace Platform.Silo.Grains;

/// <summary>Placement for workers that advertise capacity: what each leased trial holds, and the planner's choice.</summary>
public sealed partial class SchedulerGrain
{
    private readonly Dictionary<string, RunningTrial> _held = [];

    public Task Release(string runId)
    {
        _held.Remove(runId);
        _leases.Remove(runId);
        _enqueuedAt.Remove(runId);
        return Task.CompletedTask;
    }

    private async Task<TrialLease?> TryPlaceAsync(WorkerCapacity capacity)
    {
        var pending = _queue.Where(q => capacity.Assignments.Contains(q.Trial.Assignment))
            .Select(q => new PendingTrial(q.Trial.RunId, q.Trial.SweepId, q.Trial.Assignment, 0, q.Sequence, q.Trial.Needs ?? ResourceNeeds.CpuOnly))
            .ToArray();
        var placements = PlacementPlanner.Plan(new[] { capacity }, _held.Values.ToArray(), pending);
        foreach (var placement in placements)
        {
            var runId = placement.Trial.TrialId;
            if (_queue.FirstOrDefault(q => q.Trial.RunId == runId) is not { Trial: not null } entry)
            {
                continue; // taken by an interleaved request meanwhile
            }

            // Reserved before the await, so an interleaved request plans around it and a device is never over-committed.
            _queue.Remove(entry);
            _queued.Remove(runId);
            var held = _held.GetValueOrDefault(runId);
            var reserved = new RunningTrial(runId, entry.Trial.SweepId, placement.Grant);
            _held[runId] = reserved;
            if (await grains.GetGrain<ITrialGrain>(runId).TryLease(capacity.WorkerId) is { } lease)
            {
                return lease with { Grant = placement.Grant };
            }

            // Refused. A stale entry of a trial that is running keeps that trial's grant; a Release meanwhile has freed it.
            if (_held.TryGetValue(runId, out var current) && ReferenceEquals(current, reserved))
            {
                if (held is null)
                    _held.Remove(runId);
                else
                    _held[runId] = held;
            }
        }

        return null;
    }
}
