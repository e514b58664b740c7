using Platform.Contracts.Tracking;

namespace Platform.Contracts.Grains;

/// <summary>
/// Everything needed to run one trial. <see cref="Params"/> is the complete canonical hyperparameter set.
/// <see cref="WatchMetric"/> is the metric key the sweep's early stopping rule watches (null: none, report nothing);
/// <see cref="Index"/> is the trial's suggestion index within its sweep.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.TrialSpec")]
public sealed record TrialSpec(
    [property: Id(0)] string RunId,
    [property: Id(1)] string ExperimentName,
    [property: Id(2)] string Assignment,
    [property: Id(3)] IReadOnlyDictionary<string, string> Params,
    [property: Id(4)] string? SweepId = null,
    [property: Id(5)] string? RunName = null,
    [property: Id(6)] string? WatchMetric = null,
    [property: Id(7)] int Index = 0);

/// <summary>A worker's offer of capacity when it asks for work.</summary>
[GenerateSerializer, Immutable, Alias("Platform.WorkerOffer")]
public sealed record WorkerOffer(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] IReadOnlyList<string> Assignments);

/// <summary>A trial granted to a worker until <see cref="ExpiresAt"/>; heartbeats renew it.</summary>
[GenerateSerializer, Immutable, Alias("Platform.TrialLease")]
public sealed record TrialLease(
    [property: Id(0)] TrialSpec Trial,
    [property: Id(1)] string ExperimentId,
    [property: Id(2)] DateTimeOffset ExpiresAt);

/// <summary>
/// How a trial ended, as reported by its worker. <see cref="Retryable"/> marks an end that says nothing about the trial
/// (the worker is shutting down): the trial is queued again instead of ending.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.TrialOutcome")]
public sealed record TrialOutcome(
    [property: Id(0)] RunStatus Status,
    [property: Id(1)] string? Error = null,
    [property: Id(2)] bool Retryable = false);

/// <summary>The trial grain's answer to a worker's heartbeat or metric report: keep going, or stop now (and why).</summary>
[GenerateSerializer, Immutable, Alias("Platform.TrialDirective")]
public sealed record TrialDirective(
    [property: Id(0)] bool Stop,
    [property: Id(1)] string? Reason = null)
{
    public static TrialDirective Continue { get; } = new(false);
}

/// <summary>Tags the sweep engine writes on runs, beside those in <c>PlatformTags</c>.</summary>
public static class TrialTags
{
    /// <summary>Why a KILLED run ended: <c>PRUNED</c> (early stopping) or <c>CANCELLED</c>.</summary>
    public const string Outcome = "platform.outcome";
    public const string Pruned = "PRUNED";
    public const string Cancelled = "CANCELLED";
}
