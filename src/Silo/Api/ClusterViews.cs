using System.Globalization;
using Platform.Contracts.Api;
using Platform.Contracts.Grains;

namespace Platform.Silo.Api;

/// <summary>The scheduler's snapshot as the API's cluster view (plain JSON, times in epoch milliseconds).</summary>
public static class ClusterViews
{
    public static ClusterView From(SchedulerSnapshot snapshot) => new(
        snapshot.Workers.Select(Worker).ToArray(),
        snapshot.Queue.Select((q, i) => new QueuedTrialView(i + 1, q.Trial.RunId, q.Trial.SweepId, q.Trial.Assignment, q.Trial.RunName,
            q.ExperimentId, q.QueuedAt.ToUnixTimeMilliseconds())).ToArray(),
        snapshot.At.ToUnixTimeMilliseconds());

    private static WorkerView Worker(WorkerSnapshot w)
    {
        var capacity = w.Offer.Capacity;
        return new WorkerView(
            w.Offer.WorkerId,
            capacity?.CpuSlots ?? 1, // a worker without a capacity runs one trial at a time
            capacity?.Gpus.Select(g => new GpuView(g.Index, g.MemoryMiB)).ToArray() ?? [],
            w.Offer.Assignments.Count,
            capacity is not null,
            w.Trials.Select(t => new WorkerTrialView(t.Trial.RunId, t.Trial.SweepId, t.Trial.Assignment, t.Trial.RunName,
                t.LeasedAt.ToUnixTimeMilliseconds(), t.Grant?.CpuSlots, GpuText(t.Grant))).ToArray(),
            w.LastSeen.ToUnixTimeMilliseconds(),
            w.Alive);
    }

    /// <summary>A grant's GPUs as "0 (0.5, 4096 MiB), 1": device, then its fraction and memory when not the whole device.</summary>
    private static string? GpuText(ResourceGrant? grant) =>
        grant is null || grant.Gpus.Count == 0
            ? null
            : string.Join(", ", grant.Gpus.Select(g => g.Fraction >= 1 && g.MemoryMiB == 0
                ? g.DeviceIndex.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{g.DeviceIndex} ({g.Fraction:0.##}, {g.MemoryMiB} MiB)")));
}
