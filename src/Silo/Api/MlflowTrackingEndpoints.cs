using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Silo.Search;
using Platform.Silo.Store;

namespace Platform.Silo.Api;

/// <summary>
/// The MLflow REST tracking API (2.0 paths), served under both <c>/api/2.0/mlflow</c> and <c>/ajax-api/2.0/mlflow</c>:
/// experiments here, runs and metrics in <see cref="MlflowRunEndpoints"/>, artifacts in <see cref="MlflowArtifactEndpoints"/>.
/// Every success is 200 with a JSON object; errors go through <see cref="ApiExceptionMiddleware"/>.
/// </summary>
public static class MlflowTrackingEndpoints
{
    public static IEndpointRouteBuilder MapMlflowTrackingApi(this IEndpointRouteBuilder endpoints)
    {
        foreach (var prefix in new[] { "/api/2.0/mlflow", "/ajax-api/2.0/mlflow" })
        {
            var api = endpoints.MapGroup(prefix);
            MapExperiments(api);
            MlflowRunEndpoints.Map(api);
            MlflowArtifactEndpoints.MapListing(api);
        }
        MlflowArtifactEndpoints.MapProxy(endpoints);
        return endpoints;
    }

    private static void MapExperiments(RouteGroupBuilder api)
    {
        api.MapPost("/experiments/create", async (CreateExperimentRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            var name = MlflowValidator.ExperimentName(body.Name);
            foreach (var tag in body.Tags ?? [])
                MlflowValidator.ExperimentTag(tag?.Key, tag?.Value);
            return new { experiment_id = await store.CreateExperimentAsync(name, body.Tags, body.ArtifactLocation, ct) };
        });

        api.MapGet("/experiments/get", async (string? experiment_id, ITrackingStore store, CancellationToken ct) =>
            new { experiment = await RequireExperimentAsync(store, MlflowValidator.Required(experiment_id, "experiment_id"), ct) });

        api.MapGet("/experiments/get-by-name", async (string? experiment_name, ITrackingStore store, CancellationToken ct) =>
        {
            var name = MlflowValidator.Required(experiment_name, "experiment_name");
            return new { experiment = await store.GetExperimentByNameAsync(name, ct) ?? throw NoExperiment(name) };
        });

        api.MapPost("/experiments/search", (SearchExperimentsRequest body, ITrackingStore store, CancellationToken ct) =>
            SearchExperimentsAsync(store, body, ct));

        api.MapGet("/experiments/search", (int? max_results, string? filter, string? page_token, string[]? order_by, ViewType? view_type,
                ITrackingStore store, CancellationToken ct) =>
            SearchExperimentsAsync(store, new SearchExperimentsRequest(max_results, filter, page_token, order_by, view_type), ct));

        // The 1.x listing: every experiment of the view type in one response.
        api.MapGet("/experiments/list", async (ViewType? view_type, ITrackingStore store, CancellationToken ct) =>
        {
            var page = ExperimentSearch.Apply(await store.ListExperimentsAsync(ct), null, null, view_type ?? ViewType.ACTIVE_ONLY, int.MaxValue - 1, null);
            return new { experiments = page.Experiments };
        });

        api.MapPost("/experiments/update", async (UpdateExperimentRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            var id = MlflowValidator.Required(body.ExperimentId, "experiment_id");
            await RequireExperimentAsync(store, id, ct);
            await store.RenameExperimentAsync(id, MlflowValidator.ExperimentName(MlflowValidator.Required(body.NewName, "new_name")), ct);
            return new { };
        });

        api.MapPost("/experiments/delete", async (ExperimentIdRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            await store.DeleteExperimentAsync(await RequireExperimentIdAsync(store, body.ExperimentId, ct), ct);
            return new { };
        });

        api.MapPost("/experiments/restore", async (ExperimentIdRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            await store.RestoreExperimentAsync(await RequireExperimentIdAsync(store, body.ExperimentId, ct), ct);
            return new { };
        });

        api.MapPost("/experiments/set-experiment-tag", async (SetExperimentTagRequest body, ITrackingStore store, CancellationToken ct) =>
        {
            var id = await RequireExperimentIdAsync(store, body.ExperimentId, ct);
            var key = MlflowValidator.Required(body.Key, "key");
            MlflowValidator.ExperimentTag(key, body.Value ?? throw ApiRequestException.Missing("value"));
            await store.SetExperimentTagAsync(id, key, body.Value, ct);
            return new { };
        });
    }

    private static async Task<object> SearchExperimentsAsync(ITrackingStore store, SearchExperimentsRequest body, CancellationToken ct)
    {
        var max = MlflowValidator.MaxResults(body.MaxResults, MlflowLimits.MaxExperimentSearchResults);
        var page = ExperimentSearch.Apply(await store.ListExperimentsAsync(ct), body.Filter, body.OrderBy, body.ViewType ?? ViewType.ACTIVE_ONLY,
            max, body.PageToken);
        return new { experiments = page.Experiments, next_page_token = page.NextPageToken };
    }

    internal static async Task<Experiment> RequireExperimentAsync(ITrackingStore store, string id, CancellationToken ct) =>
        await store.GetExperimentAsync(id, ct) ?? throw NoExperiment(id);

    private static async Task<string> RequireExperimentIdAsync(ITrackingStore store, string? id, CancellationToken ct) =>
        (await RequireExperimentAsync(store, MlflowValidator.Required(id, "experiment_id"), ct)).ExperimentId;

    internal static ApiRequestException NoRun(string runId) =>
        new(ErrorCodes.ResourceDoesNotExist, $"Run with id={runId} not found");

    internal static ApiRequestException NoExperiment(string idOrName) =>
        new(ErrorCodes.ResourceDoesNotExist, $"Could not find experiment with ID or name '{idOrName}'");
}
