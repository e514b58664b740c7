using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Silo.Artifacts;
using Platform.Silo.Store;

namespace Platform.Silo.Api;

/// <summary>
/// Tracking additions MLflow lacks, under <c>/api/platform/v1</c>: per-metric summaries, server-side downsampled history, run logs
/// (<see cref="RunLogEndpoints"/>) and permanent deletion. Needs only the tracking store (no Orleans), so it is mapped with the MLflow API.
/// </summary>
public static class PlatformTrackingEndpoints
{
    public const int MaxPoints = 100_000;

    /// <summary>Runs per <c>runs/histories/search</c>, the compare view's limit.</summary>
    public const int MaxHistoryRuns = 100;

    public static IEndpointRouteBuilder MapPlatformTrackingApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/platform/v1");

        api.MapGet("/runs/{runId}/metric-summaries", async (string runId, ITrackingStore store, CancellationToken ct) =>
        {
            await MlflowRunEndpoints.RequireRunAsync(store, runId, ct);
            return new { summaries = await store.GetMetricSummariesAsync(runId, ct) };
        });

        api.MapGet("/runs/{runId}/metrics/{key}", async (string runId, string key, int? max_points, ITrackingStore store,
            CancellationToken ct) =>
        {
            var maxPoints = MlflowValidator.MaxResults(max_points, MaxPoints, 1000);
            await MlflowRunEndpoints.RequireRunAsync(store, runId, ct);
            var history = await store.GetDownsampledMetricHistoryAsync(runId, key, maxPoints, ct);
            return new { key, total_points = history.TotalPoints, metrics = history.Points };
        });

        // Many runs and their histories at once (the compare view of up to 100 runs): one request instead of one per run and metric.
        api.MapPost("/runs/histories/search", async (HistorySearch body, ITrackingStore store, CancellationToken ct) =>
        {
            var runIds = body.RunIds ?? throw ApiRequestException.Missing("run_ids");
            if (runIds.Count > MaxHistoryRuns)
            {
                throw new ApiRequestException(ErrorCodes.InvalidParameterValue, $"At most {MaxHistoryRuns} run_ids, got {runIds.Count}.");
            }

            var maxPoints = MlflowValidator.MaxResults(body.MaxPoints, MaxPoints, 1000);
            var answer = new List<RunHistories>();
            foreach (var runId in runIds.Distinct(StringComparer.Ordinal))
            {
                if (await store.GetRunAsync(runId, ct) is not { } run)
                {
                    continue;
                }

                var keys = body.Keys ?? run.Data.Metrics.Select(m => m.Key).ToArray();
                var sampled = new List<Platform.Contracts.Tracking.DownsampledHistory>();
                foreach (var key in keys.Where(k => run.Data.Metrics.Any(m => m.Key == k)))
                {
                    // The store caches downsampled series until the series gets a new batch (across silos).
                    var history = await store.GetDownsampledMetricHistoryAsync(run.Info.RunId, key, maxPoints, ct);
                    sampled.Add(new(key, (int)history.TotalPoints, history.Points));
                }

                answer.Add(new RunHistories(run, sampled));
            }

            return new { runs = answer };
        });

        api.MapRunLogs();

        api.MapDelete("/runs/{runId}", async (string runId, HttpContext http, ITrackingStore store, StoreOptions options, CancellationToken ct) =>
        {
            var run = await MlflowRunEndpoints.RequireRunAsync(store, runId, ct);
            await store.PermanentlyDeleteRunAsync(runId, ct);
            await DeleteArtifactsAsync(http, MlflowArtifactEndpoints.RunRelativeRoot(run.Info.ArtifactUri, options.ArtifactRoot), ct);
            return new { };
        });

        api.MapDelete("/experiments/{experimentId}", async (string experimentId, HttpContext http, ITrackingStore store, StoreOptions options,
            CancellationToken ct) =>
        {
            var experiment = await MlflowTrackingEndpoints.RequireExperimentAsync(store, experimentId, ct);
            await store.PermanentlyDeleteExperimentAsync(experimentId, ct);
            await DeleteArtifactsAsync(http, MlflowArtifactEndpoints.RunRelativeRoot(experiment.ArtifactLocation, options.ArtifactRoot), ct);
            return new { };
        });
        return endpoints;
    }

    private static async Task DeleteArtifactsAsync(HttpContext http, string? relativeRoot, CancellationToken ct)
    {
        if (relativeRoot is not null && http.RequestServices.GetService<IArtifactStore>() is { } artifacts)
            await artifacts.DeleteAsync(relativeRoot, ct);
    }
}
