using Platform.Contracts.Tracking;

namespace Platform.Contracts.Client;

/// <summary>
/// Typed client for the MLflow REST tracking API (2.0 paths). Works against this platform and against a real MLflow server.
/// The <see cref="HttpClient"/> must have the server's base address (for example http://127.0.0.1:5000/).
/// </summary>
public sealed class TrackingClient(HttpClient http)
{
    private const string Prefix = "api/2.0/mlflow/";

    public async Task<string> CreateExperimentAsync(string name, CancellationToken ct = default) =>
        (await ApiHttp.PostAsync<CreateExperimentResponse>(http, Prefix + "experiments/create", new { name }, ct)).ExperimentId;

    public async Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken ct = default) =>
        (await ApiHttp.GetAsync<ExperimentResponse>(http, $"{Prefix}experiments/get?experiment_id={Uri.EscapeDataString(experimentId)}", ct)).Experiment;

    public async Task<Experiment> GetExperimentByNameAsync(string name, CancellationToken ct = default) =>
        (await ApiHttp.GetAsync<ExperimentResponse>(http, $"{Prefix}experiments/get-by-name?experiment_name={Uri.EscapeDataString(name)}", ct)).Experiment;

    public async Task<IReadOnlyList<Experiment>> SearchExperimentsAsync(int maxResults = 1000, CancellationToken ct = default) =>
        (await ApiHttp.PostAsync<SearchExperimentsResponse>(http, Prefix + "experiments/search", new { max_results = maxResults }, ct)).Experiments ?? [];

    public async Task<Run> CreateRunAsync(string experimentId, string? runName = null, IReadOnlyList<RunTag>? tags = null, CancellationToken ct = default) =>
        (await ApiHttp.PostAsync<RunResponse>(http, Prefix + "runs/create", new
        {
            experiment_id = experimentId,
            run_name = runName,
            start_time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            tags = tags ?? [],
        }, ct)).Run;

    public async Task<Run> GetRunAsync(string runId, CancellationToken ct = default) =>
        (await ApiHttp.GetAsync<RunResponse>(http, $"{Prefix}runs/get?run_id={Uri.EscapeDataString(runId)}", ct)).Run;

    public async Task<RunInfo> UpdateRunAsync(string runId, RunStatus status, long? endTime = null, CancellationToken ct = default) =>
        (await ApiHttp.PostAsync<UpdateRunResponse>(http, Prefix + "runs/update", new { run_id = runId, status, end_time = endTime }, ct)).RunInfo;

    public Task LogBatchAsync(string runId, IReadOnlyList<Metric>? metrics = null, IReadOnlyList<Param>? @params = null,
        IReadOnlyList<RunTag>? tags = null, CancellationToken ct = default) =>
        ApiHttp.PostAsync<Empty>(http, Prefix + "runs/log-batch", new
        {
            run_id = runId,
            metrics = metrics ?? [],
            @params = @params ?? [],
            tags = tags ?? [],
        }, ct);

    public async Task<SearchRunsResponse> SearchRunsAsync(IReadOnlyList<string> experimentIds, string? filter = null,
        int maxResults = 1000, IReadOnlyList<string>? orderBy = null, string? pageToken = null, CancellationToken ct = default)
    {
        var response = await ApiHttp.PostAsync<SearchRunsResponse>(http, Prefix + "runs/search", new
        {
            experiment_ids = experimentIds,
            filter,
            max_results = maxResults,
            order_by = orderBy ?? [],
            page_token = pageToken,
        }, ct);
        return response with { Runs = response.Runs ?? [] };
    }

    public async Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken ct = default) =>
        (await ApiHttp.GetAsync<MetricHistoryResponse>(http,
            $"{Prefix}metrics/get-history?run_id={Uri.EscapeDataString(runId)}&metric_key={Uri.EscapeDataString(key)}", ct)).Metrics ?? [];

    private sealed record Empty;

    private sealed record CreateExperimentResponse(string ExperimentId);

    private sealed record ExperimentResponse(Experiment Experiment);

    private sealed record SearchExperimentsResponse(IReadOnlyList<Experiment>? Experiments);

    private sealed record RunResponse(Run Run);

    private sealed record UpdateRunResponse(RunInfo RunInfo);

    private sealed record MetricHistoryResponse(IReadOnlyList<Metric>? Metrics);
}

public sealed record SearchRunsResponse(IReadOnlyList<Run>? Runs, string? NextPageToken);
