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

    public Task UpdateExperimentAsync(string experimentId, string newName, CancellationToken ct = default) =>
        ApiHttp.PostAsync<Empty>(http, Prefix + "experiments/update", new { experiment_id = experimentId, new_name = newName }, ct);

    public Task DeleteExperimentAsync(string experimentId, CancellationToken ct = default) =>
        ApiHttp.PostAsync<Empty>(http, Prefix + "experiments/delete", new { experiment_id = experimentId }, ct);

    public Task RestoreExperimentAsync(string experimentId, CancellationToken ct = default) =>
        ApiHttp.PostAsync<Empty>(http, Prefix + "experiments/restore", new { experiment_id = experimentId }, ct);

    public Task SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken ct = default) =>
        ApiHttp.PostAsync<Empty>(http, Prefix + "experiments/set-experiment-tag", new { experiment_id = experimentId, key, value }, ct);

    public Task DeleteRunAsync(string runId, CancellationToken ct = default) =>
        ApiHttp.PostAsync<Empty>(http, Prefix + "runs/delete", new { run_id = runId }, ct);

    public Task RestoreRunAsync(string runId, CancellationToken ct = default) =>
        ApiHttp.PostAsync<Empty>(http, Prefix + "runs/restore", new { run_id = runId }, ct);

    public Task LogMetricAsync(string runId, string key, double value, long timestamp, long step = 0, CancellationToken ct = default) =>
        ApiHttp.PostAsync<Empty>(http, Prefix + "runs/log-metric", new { run_id = runId, key, value, timestamp, step }, ct);

    public Task LogParamAsync(string runId, string key, string value, CancellationToken ct = default) =>
        ApiHttp.PostAsync<Empty>(http, Prefix + "runs/log-parameter", new { run_id = runId, key, value }, ct);

    public Task SetTagAsync(string runId, string key, string value, CancellationToken ct = default) =>
        ApiHttp.PostAsync<Empty>(http, Prefix + "runs/set-tag", new { run_id = runId, key, value }, ct);

    public Task DeleteTagAsync(string runId, string key, CancellationToken ct = default) =>
        ApiHttp.PostAsync<Empty>(http, Prefix + "runs/delete-tag", new { run_id = runId, key }, ct);

    public Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> datasets, CancellationToken ct = default) =>
        ApiHttp.PostAsync<Empty>(http, Prefix + "runs/log-inputs", new { run_id = runId, datasets }, ct);

    /// <summary>One page of a metric's history; pass the previous page's token to continue.</summary>
    public Task<MetricPage> GetMetricHistoryPageAsync(string runId, string key, int maxResults, string? pageToken = null, CancellationToken ct = default) =>
        ApiHttp.GetAsync<MetricPage>(http,
            $"{Prefix}metrics/get-history?run_id={Uri.EscapeDataString(runId)}&metric_key={Uri.EscapeDataString(key)}&max_results={maxResults}" +
            (pageToken is null ? "" : $"&page_token={Uri.EscapeDataString(pageToken)}"), ct);

    /// <summary>The run's artifacts directly under <paramref name="path"/> (paths relative to the run's artifact root).</summary>
    public async Task<IReadOnlyList<ArtifactFileInfo>> ListArtifactsAsync(string runId, string? path = null, CancellationToken ct = default) =>
        (await ApiHttp.GetAsync<ArtifactListResponse>(http,
            $"{Prefix}artifacts/list?run_id={Uri.EscapeDataString(runId)}" + (path is null ? "" : $"&path={Uri.EscapeDataString(path)}"), ct)).Files ?? [];

    /// <summary>Uploads through the artifact proxy into the run's artifact folder, streaming <paramref name="content"/>.</summary>
    public async Task UploadArtifactAsync(Run run, string path, Stream content, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, ProxyUrl(run, path)) { Content = new StreamContent(content) };
        await ApiHttp.SendAsync<Empty>(http, request, ct);
    }

    /// <summary>A stream of the artifact's content; dispose it when done.</summary>
    public async Task<Stream> DownloadArtifactAsync(Run run, string path, CancellationToken ct = default)
    {
        var response = await ApiHttp.SendStreamingAsync(http, new HttpRequestMessage(HttpMethod.Get, ProxyUrl(run, path)), ct);
        return await response.Content.ReadAsStreamAsync(ct);
    }

    /// <summary>The artifact proxy URL of a run's file: its experiment/run folder under the server's artifact root.</summary>
    private static string ProxyUrl(Run run, string path) =>
        $"api/2.0/mlflow-artifacts/artifacts/{Uri.EscapeDataString(run.Info.ExperimentId)}/{Uri.EscapeDataString(run.Info.RunId)}/artifacts/" +
        string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private sealed record Empty;

    private sealed record ArtifactListResponse(string? RootUri, IReadOnlyList<ArtifactFileInfo>? Files);

    private sealed record CreateExperimentResponse(string ExperimentId);

    private sealed record ExperimentResponse(Experiment Experiment);

    private sealed record SearchExperimentsResponse(IReadOnlyList<Experiment>? Experiments);

    private sealed record RunResponse(Run Run);

    private sealed record UpdateRunResponse(RunInfo RunInfo);

    private sealed record MetricHistoryResponse(IReadOnlyList<Metric>? Metrics);
}

public sealed record SearchRunsResponse(IReadOnlyList<Run>? Runs, string? NextPageToken);
