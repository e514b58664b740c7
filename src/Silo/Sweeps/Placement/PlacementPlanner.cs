using Platform.Contracts.Grains;

namespace Platform.Silo.Sweeps.Placement;

/// <summary>
/// Matches queued trials to free worker capacity, deterministically and without ever over-committing: on every device the
/// granted fractions sum to at most 1 and the reserved memory to at most its memory, and no worker gives out more CPU slots
/// than it has. Higher priorities are placed first; within a priority, sweeps take turns by fair share. A trial that does
/// not fit anywhere stays queued while smaller ones behind it may still be placed (backfilling).
/// </summary>
public static class PlacementPlanner
{
    public static IReadOnlyList<TrialPlacement> Plan(
        IReadOnlyList<WorkerCapacity> workers, IReadOnlyList<RunningTrial> running, IReadOnlyList<PendingTrial> queue)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(queue);
        var loads = workers.Select((worker, order) => new WorkerLoad(worker, order)).ToArray();
        var loadById = loads.GroupBy(l => l.Capacity.WorkerId).ToDictionary(g => g.Key, g => g.First());
        foreach (var trial in running)
        {
            if (loadById.TryGetValue(trial.Grant.WorkerId, out var load))
            {
                load.Take(trial.Grant);
            }
        }

        var held = running.GroupBy(r => r.ShareGroup).ToDictionary(g => g.Key, g => g.Count());
        var placements = new List<TrialPlacement>();
        foreach (var level in queue.GroupBy(t => t.Priority).OrderByDescending(g => g.Key))
        {
            var groups = level.GroupBy(t => t.ShareGroup).Select(g => new Queue<PendingTrial>(g.OrderBy(t => t.Sequence))).ToList();
            while (groups.Count > 0)
            {
                // Fair share: the sweep holding the fewest trials goes next, ties to the one waiting longest. With equal
                // holdings this is round-robin; a sweep that already holds many waits until the others catch up.
                var next = groups.MinBy(q => (held.GetValueOrDefault(q.Peek().ShareGroup), q.Peek().Sequence))!;
                var trial = next.Dequeue();
                if (next.Count == 0)
                {
                    groups.Remove(next);
                }

                if (TryPlace(trial, loads) is { } grant)
                {
                    placements.Add(new TrialPlacement(trial, grant));
                    held[trial.ShareGroup] = held.GetValueOrDefault(trial.ShareGroup) + 1;
                }
            }
        }

        return placements;
    }

    private static ResourceGrant? TryPlace(PendingTrial trial, IReadOnlyList<WorkerLoad> loads)
    {
        var needs = trial.Needs;
        if (ResourceNeedsRules.Check(needs) is not null)
        {
            return null;
        }

        // Assignment filter: a worker only gets job types it advertises.
        var eligible = loads.Where(l => l.Runs(trial.Assignment) && l.FreeCpu >= needs.CpuSlots).ToArray();
        var grant = needs.Gpus == 0 ? PlaceCpuOnly(needs, eligible)
            : ResourceNeedsRules.IsFractional(needs) ? PlaceFraction(needs, eligible)
            : PlaceWholeGpus(needs, eligible);
        if (grant is not null)
        {
            loads.First(l => l.Capacity.WorkerId == grant.WorkerId).Take(grant);
        }

        return grant;
    }

    /// <summary>CPU trials go to workers without GPUs when they can, keeping GPU hosts' slots for GPU trials; then the emptiest.</summary>
    private static ResourceGrant? PlaceCpuOnly(ResourceNeeds needs, IEnumerable<WorkerLoad> eligible) =>
        eligible.OrderBy(l => l.Devices.Count > 0).ThenByDescending(l => l.FreeCpu).ThenBy(l => l.Order)
            .Select(l => new ResourceGrant(l.Capacity.WorkerId, needs.CpuSlots, []))
            .FirstOrDefault();

    /// <summary>
    /// Best fit: the most loaded device that still has room, so small trials pack onto shared devices and leave whole
    /// devices free for large trials (8 trials of 0.25 on 2 GPUs: 4 per device).
    /// </summary>
    private static ResourceGrant? PlaceFraction(ResourceNeeds needs, IEnumerable<WorkerLoad> eligible) =>
        eligible.SelectMany(l => l.Devices.Where(d => d.Fits(needs.Gpus, needs.GpuMemoryMiB)).Select(d => (Load: l, Device: d)))
            .OrderByDescending(c => c.Device.UsedFraction).ThenBy(c => c.Load.Order).ThenBy(c => c.Device.Device.Index)
            .Select(c => new ResourceGrant(c.Load.Capacity.WorkerId, needs.CpuSlots,
                [new GpuShare(c.Device.Device.Index, needs.Gpus, needs.GpuMemoryMiB)]))
            .FirstOrDefault();

    /// <summary>
    /// Whole devices are exclusive (fraction 1, all their memory). Spread: the worker with the most idle devices, so
    /// large trials do not pile onto one machine's PCIe bus and host memory.
    /// </summary>
    private static ResourceGrant? PlaceWholeGpus(ResourceNeeds needs, IEnumerable<WorkerLoad> eligible)
    {
        var count = (int)needs.Gpus;
        IReadOnlyList<DeviceLoad> Usable(WorkerLoad l) => l.Devices.Where(d => d.IsIdle && d.Device.MemoryMiB >= needs.GpuMemoryMiB)
            .OrderBy(d => d.Device.MemoryMiB).ThenBy(d => d.Device.Index).ToArray();
        return eligible.Select(l => (Load: l, Devices: Usable(l))).Where(c => c.Devices.Count >= count)
            .OrderByDescending(c => c.Load.IdleDevices).ThenBy(c => c.Load.Order)
            .Select(c => new ResourceGrant(c.Load.Capacity.WorkerId, needs.CpuSlots,
                c.Devices.Take(count).Select(d => new GpuShare(d.Device.Index, 1.0, d.Device.MemoryMiB)).ToArray()))
            .FirstOrDefault();
    }
}
