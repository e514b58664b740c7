using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;

namespace Platform.Silo.Api;

/// <summary>The MLflow REST tracking API (2.0 paths), served under both <c>/api/2.0/mlflow</c> and <c>/ajax-api/2.0/mlflow</c>.</summary>
public static class MlflowTrackingEndpoints
{
    public static IEndpointRouteBuilder MapMlflowTrackingApi(this IEndpointRouteBuilder endpoints)
    {
        MapTo(endpoints.MapGroup("/api/2.0/mlflow"));
        MapTo(endpoints.MapGroup("/ajax-api/2.0/mlflow"));
        return endpoints;
    }

    private static void MapTo(RouteGroupBuilder api)
    {
        api.MapPost("/experiments/create", async (CreateExperimentRequest body, ITrackingStore store, CancellationToken ct) =>
            new { experiment_id = await store.CreateExperimentAsync(Required(body.Name, "name"), body.Tags, ct) });

        api.MapGet("/experiments/get", async (string? experiment_id, ITrackingStore store, CancellationToken ct) =>
            new { experiment = await store.GetExperimentAsync(Required(experiment_id, "experiment_id"), ct) ?? throw NoExperiment(experiment_id!) });

        api.MapGet("/experiments/get-by-name", async (string? experiment_name, ITrackingStore store, CancellationToken ct) =>
            new { experiment = await store.GetExperimentByNameAsync(Required(experiment_name, "experiment_name"), ct) ?? throw NoExperiment(experiment_name!) });

        api.MapPost("/experiments/search", async (SearchExperimentsRequest body, ITrackingStore store, CancellationToken ct) =>
            new { experiments = (await store.ListExperimentsAsync(ct)).Take(body.MaxResults ?? 1000).ToArray() });

        api.MapGet("/experiments/list", async (ITrackingStore store, CancellationToken ct) =>
            new { experiments = await store.ListExperimentsAsync(ct) });

        api.MapPost("/runs/create", async (CreateRunRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            var info = await store.CreateRunAsync(new NewRun(Required(body.ExperimentId, "experiment_id"), null, body.RunName,
                body.StartTime ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), RunStatus.RUNNING, body.Tags ?? []), ct);
            return new { run = await store.GetRunAsync(info.RunId, ct) };
        });

        api.MapGet("/runs/get", async (string? run_id, string? run_uuid, ITrackingStore store, CancellationToken ct) =>
        {
            var id = Required(run_id ?? run_uuid, "run_id");
            return new { run = await store.GetRunAsync(id, ct) ?? throw NoRun(id) };
        });

        api.MapPost("/runs/update", async (UpdateRunRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            var current = await store.GetRunAsync(body.Id, ct) ?? throw NoRun(body.Id);
            var info = await store.UpdateRunAsync(body.Id, body.Status ?? current.Info.Status, body.EndTime ?? current.Info.EndTime, body.RunName, ct);
            return new { run_info = info };
        });

        api.MapPost("/runs/log-batch", async (LogBatchRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            await store.LogBatchAsync(body.Id, body.Metrics ?? [], body.Params ?? [], body.Tags ?? [], ct);
            return new { };
        });

        api.MapPost("/runs/log-metric", async (LogMetricRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            var metric = new Metric(Required(body.Key, "key"), body.Value ?? throw ApiRequestException.Missing("value"),
                body.Timestamp ?? throw ApiRequestException.Missing("timestamp"), body.Step ?? 0);
            await store.LogBatchAsync(body.Id, [metric], [], [], ct);
            return new { };
        });

        api.MapPost("/runs/log-parameter", async (KeyValueRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            await store.LogBatchAsync(body.Id, [], [new Param(Required(body.Key, "key"), Required(body.Value, "value"))], [], ct);
            return new { };
        });

        api.MapPost("/runs/set-tag", async (KeyValueRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            await store.LogBatchAsync(body.Id, [], [], [new RunTag(Required(body.Key, "key"), Required(body.Value, "value"))], ct);
            return new { };
        });

        api.MapPost("/runs/search", async (SearchRunsRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            if (!string.IsNullOrWhiteSpace(body.Filter))
            {
                throw new ApiRequestException(ErrorCodes.InvalidParameterValue, "runs/search: 'filter' is not supported by this server yet");
            }

            var runs = await store.SearchRunsAsync(body.ExperimentIds ?? [], body.MaxResults ?? 1000, ct);
            return new { runs };
        });

        api.MapGet("/metrics/get-history", async (string? run_id, string? run_uuid, string? metric_key, ITrackingStore store, CancellationToken ct) =>
        {
            var id = Required(run_id ?? run_uuid, "run_id");
            _ = await store.GetRunAsync(id, ct) ?? throw NoRun(id);
            return new { metrics = await store.GetMetricHistoryAsync(id, Required(metric_key, "metric_key"), ct) };
        });
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw ApiRequestException.Missing(field) : value;

    private static ApiRequestException NoRun(string runId) =>
        new(ErrorCodes.ResourceDoesNotExist, $"Run with id={runId} not found");

    private static ApiRequestException NoExperiment(string idOrName) =>
        new(ErrorCodes.ResourceDoesNotExist, $"Could not find experiment with ID or name '{idOrName}'");
}
