using Platform.Contracts.Tracking;

namespace Platform.Contracts.Grains;

/// <summary>Everything needed to run one trial. <see cref="Params"/> is the complete canonical hyperparameter set.</summary>
[GenerateSerializer, Immutable, Alias("Platform.TrialSpec")]
public sealed record TrialSpec(
    [property: Id(0)] string RunId,
    [property: Id(1)] string ExperimentName,
    [property: Id(2)] string Assignment,
    [property: Id(3)] IReadOnlyDictionary<string, string> Params,
    [property: Id(4)] string? SweepId = null,
    [property: Id(5)] string? RunName = null);

/// <summary>A worker's offer of capacity when it asks for work.</summary>
[GenerateSerializer, Immutable, Alias("Platform.WorkerOffer")]
public sealed record WorkerOffer(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] IReadOnlyList<string> Assignments);

/// <summary>A trial granted to a worker.</summary>
[GenerateSerializer, Immutable, Alias("Platform.TrialLease")]
public sealed record TrialLease(
    [property: Id(0)] TrialSpec Trial,
    [property: Id(1)] string ExperimentId,
    [property: Id(2)] DateTimeOffset ExpiresAt);

/// <summary>How a trial ended, as reported by its worker.</summary>
[GenerateSerializer, Immutable, Alias("Platform.TrialOutcome")]
public sealed record TrialOutcome(
    [property: Id(0)] RunStatus Status,
    [property: Id(1)] string? Error = null);
