using Platform.Contracts.Tracking;

namespace Platform.Contracts.Grains;

/// <summary>
/// Everything needed to run one trial. <see cref="Params"/> is the complete canonical hyperparameter set.
/// <see cref="WatchMetric"/> is the metric key the sweep's early stopping rule watches (null: none, report nothing);
/// <see cref="Index"/> is the trial's suggestion index within its sweep; <see cref="Needs"/> what it needs of a worker
/// (null: one CPU slot), honoured for workers that advertise a <see cref="WorkerCapacity"/>.
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
    [property: Id(7)] int Index = 0,
    [property: Id(8)] ResourceNeeds? Needs = null);

/// <summary>
/// A worker's offer when it asks for work. Without <see cref="Capacity"/> the worker takes one trial at a time, first in
/// first out; with it the scheduler places trials by their needs on what the worker has free (CPU slots, GPU fractions).
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.WorkerOffer")]
public sealed record WorkerOffer(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] IReadOnlyList<string> Assignments,
    [property: Id(2)] WorkerCapacity? Capacity = null);

/// <summary>A trial granted to a worker until <see cref="ExpiresAt"/>; heartbeats renew it. <see cref="Grant"/>: the devices it may use.</summary>
[GenerateSerializer, Immutable, Alias("Platform.TrialLease")]
public sealed record TrialLease(
    [property: Id(0)] TrialSpec Trial,
    [property: Id(1)] string ExperimentId,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] ResourceGrant? Grant = null);

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

    /// <summary>Why early stopping pruned the run (the rule's own words), beside <see cref="Outcome"/> <c>PRUNED</c>.</summary>
    public const string PruneReason = "platform.prune_reason";

    /// <summary>
    /// The step of the run's latest checkpoint, written in one batch with <see cref="CheckpointPath"/> after the file is
    /// stored: the commit point of a checkpoint. A trial that starts again keeps only the metric points up to this step.
    /// </summary>
    public const string CheckpointStep = "platform.checkpoint_step";

    /// <summary>The device the trial trains on (<c>cuda:1</c>, <c>cpu</c>), from its lease's grant; set by the worker when it starts.</summary>
    public const string Device = "platform.device";

    /// <summary>The run artifact holding the latest checkpoint (two files take turns, so the tagged one is never being written).</summary>
    public const string CheckpointPath = "platform.checkpoint_path";
}
