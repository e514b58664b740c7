using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Contracts.Api;
using Platform.Silo.Artifacts;
using Platform.Silo.Security;
using Platform.Silo.Store;

namespace Platform.Silo.Api;

/// <summary>
/// Artifacts: the tracking API's <c>artifacts/list</c> and MLflow's artifact proxy (<c>/api/2.0/mlflow-artifacts/artifacts</c>:
/// PUT upload, GET download, GET list, DELETE), both over <see cref="IArtifactStore"/>. Proxy paths are relative to the artifact
/// root, so a run's files live under <c>{experiment_id}/{run_id}/artifacts/</c>. Bodies are streamed both ways.
/// </summary>
internal static class MlflowArtifactEndpoints
{
    private const string ProxyPrefix = "/api/2.0/mlflow-artifacts/artifacts";

    public static void MapListing(RouteGroupBuilder api)
    {
        api.MapGet("/artifacts/list", async (string? run_id, string? run_uuid, string? path, string? page_token, HttpContext http,
            ITrackingStore store, StoreOptions options, CancellationToken ct) =>
        {
            var run = await MlflowRunEndpoints.RequireRunAsync(store, new RunIdRequest(run_id, run_uuid).Id, ct);
            var artifacts = http.RequestServices.GetService<IArtifactStore>();
            var runRoot = RunRelativeRoot(run.Info.ArtifactUri, options.ArtifactRoot);
            if (artifacts is null || runRoot is null)
                return new { root_uri = run.Info.ArtifactUri, files = Array.Empty<object>(), next_page_token = (string?)null };
            var relative = ArtifactPath.Normalize(path);
            var listed = await artifacts.ListAsync(relative.Length == 0 ? runRoot : $"{runRoot}/{relative}", ct);
            var files = listed.Select(f => new { path = f.Path[(runRoot.Length + 1)..], is_dir = f.IsDir, file_size = f.FileSize }).ToArray();
            return new { root_uri = run.Info.ArtifactUri, files = files.Cast<object>().ToArray(), next_page_token = (string?)null };
        });
    }

    public static void MapProxy(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ProxyPrefix, async (string? path, HttpContext http, CancellationToken ct) =>
        {
            var relative = ArtifactPath.Normalize(path);
            var listed = await Store(http).ListAsync(relative, ct);
            // The proxy lists names relative to the requested folder, as MLflow's does.
            return new { files = listed.Select(f => new { path = Path.GetFileName(f.Path), is_dir = f.IsDir, file_size = f.FileSize }).ToArray() };
        });

        endpoints.MapPut(ProxyPrefix + "/{**path}", async (string path, HttpContext http, CancellationToken ct) =>
        {
            var relative = ArtifactPath.Normalize(path);
            if (http.RequestServices.GetService<IOptions<AuthOptions>>()?.Value is { } limits)
                await ArtifactQuota.WriteAsync(Store(http), relative, http.Request.Body, http.Request.ContentLength, limits.MaxRunArtifactBytes, ct);
            else
                await Store(http).WriteAsync(relative, http.Request.Body, ct);
            return Results.Json(new { });
        });

        endpoints.MapGet(ProxyPrefix + "/{**path}", async (string path, HttpContext http, CancellationToken ct) =>
        {
            var stream = await Store(http).OpenReadAsync(ArtifactPath.Normalize(path), ct)
                         ?? throw new ApiRequestException(ErrorCodes.ResourceDoesNotExist, $"Artifact '{path}' not found");
            // Never active content: a download, not sniffed, sandboxed should a browser render it anyway.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
            return Results.Stream(stream, "application/octet-stream", Path.GetFileName(path), enableRangeProcessing: true);
        });

        endpoints.MapDelete(ProxyPrefix + "/{**path}", async (string path, HttpContext http, CancellationToken ct) =>
        {
            if (!await Store(http).DeleteAsync(ArtifactPath.Normalize(path), ct))
                throw new ApiRequestException(ErrorCodes.ResourceDoesNotExist, $"Artifact '{path}' not found");
            return Results.Json(new { });
        });
    }

    /// <summary>The run's artifact folder relative to the artifact root, or null when the run's URI is not under the root.</summary>
    internal static string? RunRelativeRoot(string artifactUri, string? artifactRoot)
    {
        if (string.IsNullOrEmpty(artifactUri) || string.IsNullOrWhiteSpace(artifactRoot))
            return null;
        var root = artifactRoot.TrimEnd('/') + "/";
        return artifactUri.StartsWith(root, StringComparison.Ordinal) ? artifactUri[root.Length..] : null;
    }

    private static IArtifactStore Store(HttpContext http) =>
        http.RequestServices.GetService<IArtifactStore>()
        ?? throw new ApiRequestException(ErrorCodes.InvalidState, "This server has no artifact root configured (Store:ArtifactRoot)");
}
