using Platform.Contracts.Tracking;

namespace Platform.Silo.Api;

// Request bodies of the MLflow tracking API. Every field is optional at the JSON level so that a missing one gets MLflow's
// "Missing value for required parameter" error instead of a deserializer message; unknown fields are ignored, as MLflow does.

internal sealed record CreateExperimentRequest(string? Name, string? ArtifactLocation, IReadOnlyList<ExperimentTag>? Tags);

internal sealed record SearchExperimentsRequest(int? MaxResults, string? Filter, string? PageToken);

internal sealed record CreateRunRequest(string? ExperimentId, string? RunName, long? StartTime, IReadOnlyList<RunTag>? Tags, string? UserId);

internal sealed record UpdateRunRequest(string? RunId, string? RunUuid, RunStatus? Status, long? EndTime, string? RunName)
{
    public string Id => RunId ?? RunUuid ?? throw ApiRequestException.Missing("run_id");
}

internal sealed record LogBatchRequest(string? RunId, IReadOnlyList<Metric>? Metrics, IReadOnlyList<Param>? Params, IReadOnlyList<RunTag>? Tags)
{
    public string Id => RunId ?? throw ApiRequestException.Missing("run_id");
}

internal sealed record LogMetricRequest(string? RunId, string? RunUuid, string? Key, double? Value, long? Timestamp, long? Step)
{
    public string Id => RunId ?? RunUuid ?? throw ApiRequestException.Missing("run_id");
}

internal sealed record KeyValueRequest(string? RunId, string? RunUuid, string? Key, string? Value)
{
    public string Id => RunId ?? RunUuid ?? throw ApiRequestException.Missing("run_id");
}

internal sealed record SearchRunsRequest(IReadOnlyList<string>? ExperimentIds, string? Filter, int? MaxResults, IReadOnlyList<string>? OrderBy, string? PageToken);
