using Platform.Contracts.Tracking;

namespace Platform.Silo.Api;

// Request bodies of the MLflow tracking API. Every field is optional at the JSON level so that a missing one gets MLflow's
// "Missing value for required parameter" error instead of a deserializer message; unknown fields are ignored, as MLflow does.
// Run ids are accepted under both run_id and the older run_uuid.

internal abstract record RunRequest(string? RunId, string? RunUuid)
{
    public string Id => string.IsNullOrEmpty(RunId) ? string.IsNullOrEmpty(RunUuid) ? throw ApiRequestException.Missing("run_id") : RunUuid : RunId;
}

internal sealed record CreateExperimentRequest(string? Name, string? ArtifactLocation, IReadOnlyList<ExperimentTag>? Tags);

internal sealed record ExperimentIdRequest(string? ExperimentId);

internal sealed record UpdateExperimentRequest(string? ExperimentId, string? NewName);

internal sealed record SetExperimentTagRequest(string? ExperimentId, string? Key, string? Value);

internal sealed record SearchExperimentsRequest(int? MaxResults, string? Filter, string? PageToken, IReadOnlyList<string>? OrderBy, ViewType? ViewType);

internal sealed record CreateRunRequest(string? ExperimentId, string? RunName, long? StartTime, IReadOnlyList<RunTag>? Tags, string? UserId);

internal sealed record UpdateRunRequest(string? RunId, string? RunUuid, RunStatus? Status, long? EndTime, string? RunName) : RunRequest(RunId, RunUuid);

internal sealed record RunIdRequest(string? RunId, string? RunUuid) : RunRequest(RunId, RunUuid);

internal sealed record LogBatchRequest(string? RunId, string? RunUuid, IReadOnlyList<Metric>? Metrics, IReadOnlyList<Param>? Params, IReadOnlyList<RunTag>? Tags)
    : RunRequest(RunId, RunUuid);

internal sealed record LogMetricRequest(string? RunId, string? RunUuid, string? Key, double? Value, long? Timestamp, long? Step) : RunRequest(RunId, RunUuid);

internal sealed record KeyValueRequest(string? RunId, string? RunUuid, string? Key, string? Value) : RunRequest(RunId, RunUuid);

internal sealed record DeleteTagRequest(string? RunId, string? RunUuid, string? Key) : RunRequest(RunId, RunUuid);

internal sealed record LogInputsRequest(string? RunId, string? RunUuid, IReadOnlyList<DatasetInput>? Datasets) : RunRequest(RunId, RunUuid);

internal sealed record SearchRunsRequest(
    IReadOnlyList<string>? ExperimentIds, string? Filter, ViewType? RunViewType, int? MaxResults, IReadOnlyList<string>? OrderBy, string? PageToken);
