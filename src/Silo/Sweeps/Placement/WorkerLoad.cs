using Platform.Contracts.Grains;

namespace Platform.Silo.Sweeps.Placement;

/// <summary>A worker's capacity minus what is granted on it, updated as the planner places trials.</summary>
internal sealed class WorkerLoad
{
    public WorkerLoad(WorkerCapacity capacity, int order)
    {
        Capacity = capacity;
        Order = order;
        FreeCpu = capacity.CpuSlots;
        Devices = capacity.Gpus.OrderBy(g => g.Index).Select(g => new DeviceLoad(g)).ToArray();
    }

    public WorkerCapacity Capacity { get; }

    /// <summary>Position in the worker list: the last tie-breaker, so plans are deterministic.</summary>
    public int Order { get; }

    public int FreeCpu { get; private set; }

    public IReadOnlyList<DeviceLoad> Devices { get; }

    public int IdleDevices => Devices.Count(d => d.IsIdle);

    public bool Runs(string assignment) => Capacity.Assignments.Contains(assignment);

    public void Take(ResourceGrant grant)
    {
        FreeCpu -= grant.CpuSlots;
        foreach (var share in grant.Gpus)
        {
            Devices.FirstOrDefault(d => d.Device.Index == share.DeviceIndex)?.Take(share);
        }
    }
}

/// <summary>One GPU's used fraction and memory.</summary>
internal sealed class DeviceLoad(GpuDevice device)
{
    public GpuDevice Device { get; } = device;

    public double UsedFraction { get; private set; }

    public long UsedMemoryMiB { get; private set; }

    public bool IsIdle => UsedFraction <= 0 && UsedMemoryMiB <= 0;

    public bool Fits(double fraction, long memoryMiB) =>
        UsedFraction + fraction <= 1 + ResourceNeedsRules.Epsilon && UsedMemoryMiB + memoryMiB <= Device.MemoryMiB;

    public void Take(GpuShare share)
    {
        UsedFraction += share.Fraction;
        UsedMemoryMiB += share.MemoryMiB;
    }
}
