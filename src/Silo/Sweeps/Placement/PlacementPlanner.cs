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
        // Capacity only shrinks while planning, so a trial that did not fit tells that identical ones will not either.
        var unplaceable = new HashSet<(string Assignment, ResourceNeeds Needs)>();
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

                if (unplaceable.Contains((trial.Assignment, trial.Needs)))
                {
                    continue;
                }

                if (TryPlace(trial, loads) is { } placed)
                {
                    placed.Load.Take(placed.Grant);
                    placements.Add(new TrialPlacement(trial, placed.Grant));
                    held[trial.ShareGroup] = held.GetValueOrDefault(trial.ShareGroup) + 1;
                }
                else
                {
                    unplaceable.Add((trial.Assignment, trial.Needs));
                }
            }
        }

        return placements;
    }

    private static (WorkerLoad Load, ResourceGrant Grant)? TryPlace(PendingTrial trial, IReadOnlyList<WorkerLoad> loads)
    {
        var needs = trial.Needs;
        if (ResourceNeedsRules.Check(needs) is not null)
        {
            return null;
        }

        // Assignment filter: a worker only gets job types it advertises. Workers are scanned in order and only a strictly
        // better one replaces the best so far, so ties go to the earlier worker and device and plans are deterministic.
        bool Eligible(WorkerLoad l) => l.FreeCpu >= CpuSlotsOn(l, needs) && l.Runs(trial.Assignment);
        return needs.Gpus == 0 ? PlaceCpuOnly(needs, loads, Eligible)
            : ResourceNeedsRules.IsFractional(needs) ? PlaceFraction(needs, loads, Eligible)
            : PlaceWholeGpus(needs, loads, Eligible);
    }

    /// <summary>
    /// CPU slots are threads, not a hard requirement: a trial asking for more slots than a worker has takes all of them
    /// there, so it never waits forever for a worker that cannot exist.
    /// </summary>
    private static int CpuSlotsOn(WorkerLoad load, ResourceNeeds needs) => Math.Min(needs.CpuSlots, load.Capacity.CpuSlots);

    /// <summary>CPU trials go to workers without GPUs when they can, keeping GPU hosts' slots for GPU trials; then the emptiest.</summary>
    private static (WorkerLoad, ResourceGrant)? PlaceCpuOnly(ResourceNeeds needs, IReadOnlyList<WorkerLoad> loads, Func<WorkerLoad, bool> eligible)
    {
        WorkerLoad? best = null;
        foreach (var load in loads)
        {
            if (eligible(load) && (best is null || (load.Devices.Count == 0, load.FreeCpu).CompareTo((best.Devices.Count == 0, best.FreeCpu)) > 0))
            {
                best = load;
            }
        }

        return best is null ? null : (best, new ResourceGrant(best.Capacity.WorkerId, CpuSlotsOn(best, needs), []));
    }

    /// <summary>
    /// Best fit: the most loaded device that still has room, so small trials pack onto shared devices and leave whole
    /// devices free for large trials (8 trials of 0.25 on 2 GPUs: 4 per device).
    /// </summary>
    private static (WorkerLoad, ResourceGrant)? PlaceFraction(ResourceNeeds needs, IReadOnlyList<WorkerLoad> loads, Func<WorkerLoad, bool> eligible)
    {
        (WorkerLoad Load, DeviceLoad Device)? best = null;
        foreach (var load in loads.Where(eligible))
        {
            foreach (var device in load.Devices)
            {
                if (device.Fits(needs.Gpus, needs.GpuMemoryMiB) && (best is null || device.UsedFraction > best.Value.Device.UsedFraction))
                {
                    best = (load, device);
                }
            }
        }

        return best is not { } chosen ? null : (chosen.Load, new ResourceGrant(chosen.Load.Capacity.WorkerId, CpuSlotsOn(chosen.Load, needs),
            [new GpuShare(chosen.Device.Device.Index, needs.Gpus, needs.GpuMemoryMiB)]));
    }

    /// <summary>
    /// Whole devices are exclusive (fraction 1, all their memory). Spread: the worker with the most idle devices, so
    /// large trials do not pile onto one machine's PCIe bus and host memory.
    /// </summary>
    private static (WorkerLoad, ResourceGrant)? PlaceWholeGpus(ResourceNeeds needs, IReadOnlyList<WorkerLoad> loads, Func<WorkerLoad, bool> eligible)
    {
        var count = (int)needs.Gpus;
        bool Usable(DeviceLoad d) => d.IsIdle && d.Device.MemoryMiB >= needs.GpuMemoryMiB;
        WorkerLoad? best = null;
        foreach (var load in loads.Where(eligible))
        {
            if (load.Devices.Count(Usable) >= count && (best is null || load.IdleDevices > best.IdleDevices))
            {
                best = load;
            }
        }

        // On the chosen worker, the smallest devices that fit, leaving bigger ones for bigger trials.
        return best is null ? null : (best, new ResourceGrant(best.Capacity.WorkerId, CpuSlotsOn(best, needs),
            best.Devices.Where(Usable).OrderBy(d => d.Device.MemoryMiB).ThenBy(d => d.Device.Index).Take(count)
                .Select(d => new GpuShare(d.Device.Index, 1.0, d.Device.MemoryMiB)).ToArray()));
    }
}
