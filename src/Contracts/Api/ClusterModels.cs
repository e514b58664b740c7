namespace Platform.Contracts.Api;

// The cluster view (GET /api/platform/v1/cluster): the scheduler's workers and queue at one moment.

/// <summary>Workers the scheduler has heard from, and the trials waiting for one, first to be served first.</summary>
public sealed record ClusterView(IReadOnlyList<WorkerView> Workers, IReadOnlyList<QueuedTrialView> Queue, long At);

/// <summary>
/// One worker: what it offers (CPU slots, GPUs; a worker that advertises no capacity runs one trial at a time), the trials it
/// holds, and when it last asked for work or renewed a lease. <see cref="Alive"/> is false once that is older than a lease.
/// </summary>
public sealed record WorkerView(
    string WorkerId,
    int CpuSlots,
    IReadOnlyList<GpuView> Gpus,
    int Assignments,
    bool AdvertisesCapacity,
    IReadOnlyList<WorkerTrialView> Trials,
    long LastHeartbeat,
    bool Alive);

public sealed record GpuView(int Index, long MemoryMiB);

/// <summary>A trial a worker holds, with what it was granted (null for a worker without a capacity: it has the whole worker).</summary>
public sealed record WorkerTrialView(string RunId, string? SweepId, string Assignment, string? RunName, long LeasedAt, int? CpuSlots, string? Gpus);

public sealed record QueuedTrialView(int Position, string RunId, string? SweepId, string Assignment, string? RunName, string ExperimentId, long QueuedAt);
