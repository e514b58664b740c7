namespace Platform.Contracts.Api;

// Request and response bodies of the platform API (/api/platform/v1). Tracking data itself is read through the MLflow API.

/// <summary>
/// One run of an assignment. <see cref="Params"/> values are YAML scalars or flow lists, as typed on the command line;
/// <see cref="Resources"/> what the run needs of a worker (<c>{"gpu": 0.25, "cpu": 1, "gpu_memory_gb": 2}</c>) over the
/// assignment's defaults.
/// </summary>
public sealed record RunSubmission(
    string Assignment, IReadOnlyDictionary<string, string>? Params = null, string? Experiment = null, IReadOnlyDictionary<string, double>? Resources = null);

/// <summary>A sweep file in the Weights &amp; Biases format with a top-level <c>assignment:</c>.</summary>
public sealed record SweepSubmission(string Yaml);

/// <summary>What a submission created. Also returned by <see cref="Grains.ISweepGrain.Submit"/>, hence serializable by Orleans.</summary>
[GenerateSerializer, Immutable, Alias("Platform.SubmissionResult")]
public sealed record SubmissionResult(
    [property: Id(0)] string ExperimentId,
    [property: Id(1)] IReadOnlyList<string> RunIds,
    [property: Id(2)] string? SweepId = null);

/// <summary>
/// A sweep's state. <see cref="RunIds"/> are its trials by suggestion index; <see cref="Trials"/> counts them by lifecycle state
/// (queued, leased, running, paused, finished, failed, pruned, cancelled; only when one sweep is asked for).
/// <see cref="Name"/> is the sweep file's <c>name:</c>, if it has one.
/// </summary>
public sealed record SweepView(
    string SweepId,
    string Assignment,
    string ExperimentId,
    string State,
    IReadOnlyList<string> RunIds,
    long CreatedAt,
    string? Method = null,
    IReadOnlyDictionary<string, int>? Trials = null,
    string? Name = null);

/// <summary>The answer to a run cancel: the run and its status afterwards.</summary>
public sealed record RunCancelResult(string RunId, string Status);
