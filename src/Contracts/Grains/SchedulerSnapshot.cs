namespace Platform.Contracts.Grains;

/// <summary>What the scheduler holds at one moment: the workers it has heard from, the trials they hold, and its queue in order.</summary>
[GenerateSerializer, Immutable, Alias("Platform.SchedulerSnapshot")]
public sealed record SchedulerSnapshot(
    [property: Id(0)] IReadOnlyList<WorkerSnapshot> Workers,
    [property: Id(1)] IReadOnlyList<QueuedTrialSnapshot> Queue,
    [property: Id(2)] DateTimeOffset At);

/// <summary>
/// A worker as last seen: its offer (with the capacity it advertises, if any), the trials leased to it, and its last contact
/// (a request for work, a heartbeat or a metric report). <see cref="Alive"/>: that contact is younger than a lease.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.WorkerSnapshot")]
public sealed record WorkerSnapshot(
    [property: Id(0)] WorkerOffer Offer,
    [property: Id(1)] IReadOnlyList<LeasedTrialSnapshot> Trials,
    [property: Id(2)] DateTimeOffset LastSeen,
    [property: Id(3)] bool Alive);

[GenerateSerializer, Immutable, Alias("Platform.LeasedTrialSnapshot")]
public sealed record LeasedTrialSnapshot(
    [property: Id(0)] TrialSpec Trial,
    [property: Id(1)] DateTimeOffset LeasedAt,
    [property: Id(2)] ResourceGrant? Grant);

[GenerateSerializer, Immutable, Alias("Platform.QueuedTrialSnapshot")]
public sealed record QueuedTrialSnapshot(
    [property: Id(0)] TrialSpec Trial,
    [property: Id(1)] string ExperimentId,
    [property: Id(2)] DateTimeOffset QueuedAt);
