namespace Platform.Contracts.Tracking;

// The MLflow tracking entities, shaped as MLflow's REST API serialises them (snake_case through TrackingJson.Options).

public sealed record Metric(string Key, double Value, long Timestamp, long Step);

public sealed record Param(string Key, string Value);

public sealed record RunTag(string Key, string Value);

public sealed record ExperimentTag(string Key, string Value);

public sealed record Experiment(
    string ExperimentId,
    string Name,
    string ArtifactLocation,
    string LifecycleStage,
    long CreationTime,
    long LastUpdateTime,
    IReadOnlyList<ExperimentTag> Tags);

public sealed record RunInfo(
    string RunId,
    string ExperimentId,
    string RunName,
    RunStatus Status,
    long StartTime,
    long? EndTime,
    string ArtifactUri,
    string LifecycleStage,
    string UserId = "")
{
    /// <summary>MLflow 1.x clients read this older name.</summary>
    public string RunUuid => RunId;
}

/// <summary><see cref="Metrics"/> holds the latest value of each metric key (greatest step, then timestamp, then value).</summary>
public sealed record RunData(IReadOnlyList<Metric> Metrics, IReadOnlyList<Param> Params, IReadOnlyList<RunTag> Tags)
{
    public double? LatestMetric(string key) => Metrics.FirstOrDefault(m => m.Key == key)?.Value;

    public string? Param(string key) => Params.FirstOrDefault(p => p.Key == key)?.Value;

    public string? Tag(string key) => Tags.FirstOrDefault(t => t.Key == key)?.Value;
}

/// <summary><see cref="Inputs"/> lists the datasets logged through runs/log-inputs (null from servers that do not send it).</summary>
public sealed record Run(RunInfo Info, RunData Data, RunInputs? Inputs = null);

/// <summary>Tag keys the platform writes on runs.</summary>
public static class PlatformTags
{
    public const string Assignment = "platform.assignment";
    public const string SweepId = "platform.sweep_id";
    public const string Error = "platform.error";
    public const string Worker = "platform.worker";
    public const string RunName = "mlflow.runName";
}
