using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;
using Platform.Silo.Telemetry;
using static Platform.Silo.Api.MlflowTrackingEndpoints;

namespace Platform.Silo.Api;

/// <summary>The runs and metrics part of the MLflow tracking API, with MLflow's validation in front of the store.</summary>
internal static class MlflowRunEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/runs/create", async (CreateRunRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            // MLflow's clients send the Default experiment's id when none is chosen; a request without one means the same.
            var experimentId = string.IsNullOrEmpty(body.ExperimentId) ? DefaultExperiment.Id : body.ExperimentId;
            foreach (var tag in body.Tags ?? [])
                MlflowValidator.Tag(tag?.Key, tag?.Value);
            await RequireExperimentAsync(store, experimentId, ct);
            var info = await store.CreateRunAsync(new NewRun(experimentId, null, body.RunName,
                body.StartTime ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), RunStatus.RUNNING, body.Tags ?? [], body.UserId), ct);
            return new { run = await store.GetRunAsync(info.RunId, ct) };
        });

        api.MapGet("/runs/get", async (string? run_id, string? run_uuid, ITrackingStore store, CancellationToken ct) =>
            new { run = await RequireRunAsync(store, new RunIdRequest(run_id, run_uuid).Id, ct) });

        api.MapPost("/runs/update", async (UpdateRunRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            var current = await RequireActiveRunAsync(store, body.Id, ct);
            var info = await store.UpdateRunAsync(body.Id, body.Status ?? current.Info.Status, body.EndTime, body.RunName, ct);
            return new { run_info = info };
        });

        api.MapPost("/runs/delete", async (RunIdRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            await store.DeleteRunAsync(body.Id, ct);
            return new { };
        });

        api.MapPost("/runs/restore", async (RunIdRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            await store.RestoreRunAsync(body.Id, ct);
            return new { };
        });

        api.MapPost("/runs/log-batch", async (LogBatchRequest body, ITrackingStore store, PlatformMetrics telemetry, CancellationToken ct) =>
        {
            var id = body.Id;
            IReadOnlyList<Metric> metrics = body.Metrics ?? [];
            IReadOnlyList<Param> @params = body.Params ?? [];
            IReadOnlyList<RunTag> tags = body.Tags ?? [];
            MlflowValidator.Batch(metrics, @params, tags);
            await store.LogBatchAsync(id, metrics, @params, tags, ct);
            telemetry.MetricPointsIngested(metrics.Count);
            return new { };
        });

        api.MapPost("/runs/log-metric", async (LogMetricRequest body, ITrackingStore store, PlatformMetrics telemetry, CancellationToken ct) =>
        {
            var id = body.Id;
            var metric = new Metric(MlflowValidator.Required(body.Key, "key"), body.Value ?? throw ApiRequestException.Missing("value"),
                body.Timestamp ?? throw ApiRequestException.Missing("timestamp"), body.Step ?? 0);
            MlflowValidator.Metric(metric);
            await store.LogBatchAsync(id, [metric], [], [], ct);
            telemetry.MetricPointsIngested(1);
            return new { };
        });

        api.MapPost("/runs/log-parameter", async (KeyValueRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            var id = body.Id;
            var param = new Param(MlflowValidator.Required(body.Key, "key"), body.Value ?? throw ApiRequestException.Missing("value"));
            MlflowValidator.Param(param.Key, param.Value);
            await store.LogBatchAsync(id, [], [param], [], ct);
            return new { };
        });

        api.MapPost("/runs/set-tag", async (KeyValueRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            var id = body.Id;
            var tag = new RunTag(MlflowValidator.Required(body.Key, "key"), body.Value ?? throw ApiRequestException.Missing("value"));
            MlflowValidator.Tag(tag.Key, tag.Value);
            await store.LogBatchAsync(id, [], [], [tag], ct);
            return new { };
        });

        api.MapPost("/runs/delete-tag", async (DeleteTagRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            await store.DeleteTagAsync(body.Id, MlflowValidator.Required(body.Key, "key"), ct);
            return new { };
        });

        api.MapPost("/runs/log-inputs", async (LogInputsRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            var id = body.Id;
            var datasets = body.Datasets ?? [];
            MlflowValidator.Inputs(datasets);
            await store.LogInputsAsync(id, datasets, ct);
            return new { };
        });

        api.MapPost("/runs/search", async (SearchRunsRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            var max = MlflowValidator.MaxResults(body.MaxResults, MlflowLimits.MaxSearchResults);
            var page = await store.SearchRunsAsync(new RunSearchQuery(body.ExperimentIds ?? [], body.Filter, body.RunViewType ?? ViewType.ACTIVE_ONLY,
                max, body.OrderBy, body.PageToken), ct);
            return new { runs = page.Runs, next_page_token = page.NextPageToken };
        });

        api.MapGet("/metrics/get-history", async (string? run_id, string? run_uuid, string? metric_key, int? max_results, string? page_token,
            ITrackingStore store, CancellationToken ct) =>
        {
            var id = new RunIdRequest(run_id, run_uuid).Id;
            var key = MlflowValidator.Required(metric_key, "metric_key");
            await RequireRunAsync(store, id, ct);
            if (max_results is null && string.IsNullOrEmpty(page_token))
                return new { metrics = await store.GetMetricHistoryAsync(id, key, ct), next_page_token = (string?)null };
            var page = await store.GetMetricHistoryPageAsync(id, key, MlflowValidator.MaxResults(max_results, int.MaxValue - 1, 25_000), page_token, ct);
            return new { metrics = page.Metrics, next_page_token = page.NextPageToken };
        });
    }

    internal static async Task<Run> RequireRunAsync(ITrackingStore store, string runId, CancellationToken ct) =>
        await store.GetRunAsync(runId, ct) ?? throw NoRun(runId);

    private static async Task<Run> RequireActiveRunAsync(ITrackingStore store, string runId, CancellationToken ct)
    {
        var run = await RequireRunAsync(store, runId, ct);
        if (run.Info.LifecycleStage != LifecycleStages.Active)
        {
            throw new ApiRequestException(ErrorCodes.InvalidParameterValue,
                $"The run {runId} must be in the 'active' state. Current state is {run.Info.LifecycleStage}.");
        }
        return run;
    }
}
