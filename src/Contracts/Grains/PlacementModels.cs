namespace Platform.Contracts.Grains;

/// <summary>One GPU of a worker, by its device index on that machine.</summary>
[GenerateSerializer, Immutable, Alias("Platform.GpuDevice")]
public sealed record GpuDevice(
    [property: Id(0)] int Index,
    [property: Id(1)] long MemoryMiB);

/// <summary>What a worker advertises: CPU slots, its GPUs and the assignments (job types) it can run.</summary>
[GenerateSerializer, Immutable, Alias("Platform.WorkerCapacity")]
public sealed record WorkerCapacity(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] int CpuSlots,
    [property: Id(2)] IReadOnlyList<GpuDevice> Gpus,
    [property: Id(3)] IReadOnlyList<string> Assignments);

/// <summary>
/// What one trial needs. <see cref="Gpus"/> is 0 (CPU only), a fraction in (0, 1) that shares one device with other
/// small trials, or a whole number of dedicated devices. <see cref="GpuMemoryMiB"/> is needed on each device it uses.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.ResourceNeeds")]
public sealed record ResourceNeeds(
    [property: Id(0)] int CpuSlots = 1,
    [property: Id(1)] double Gpus = 0,
    [property: Id(2)] long GpuMemoryMiB = 0)
{
    public static ResourceNeeds CpuOnly { get; } = new();
}

/// <summary>A trial's share of one GPU: the fraction of the device (1 for a dedicated one) and the memory reserved on it.</summary>
[GenerateSerializer, Immutable, Alias("Platform.GpuShare")]
public sealed record GpuShare(
    [property: Id(0)] int DeviceIndex,
    [property: Id(1)] double Fraction,
    [property: Id(2)] long MemoryMiB);

/// <summary>The resources one trial holds on one worker while it is leased or running.</summary>
[GenerateSerializer, Immutable, Alias("Platform.ResourceGrant")]
public sealed record ResourceGrant(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] int CpuSlots,
    [property: Id(2)] IReadOnlyList<GpuShare> Gpus);
