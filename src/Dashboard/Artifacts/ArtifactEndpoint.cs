using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Dashboard.Formatting;

namespace Platform.Dashboard.Artifacts;

/// <summary>
/// Streams a run's artifact from the platform API to the browser, so <c>&lt;img&gt;</c> tags and download links work when the
/// API is on another host or not reachable from the browser at all. Nothing is buffered: the API's stream is copied through.
/// </summary>
internal static class ArtifactEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(ArtifactPaths.EndpointPrefix + "/{runId}/{**path}", ServeAsync).ExcludeFromDescription();

    private static async Task<IResult> ServeAsync(string runId, string path, [FromQuery] string? download, [FromServices] TrackingClient tracking,
        HttpContext context, CancellationToken ct)
    {
        if (!ArtifactPaths.IsSafe(path))
        {
            return Results.BadRequest("Invalid artifact path.");
        }

        try
        {
            var run = await tracking.GetRunAsync(runId, ct);
            var stream = await tracking.DownloadArtifactAsync(run, path, ct);
            // Browsers must not guess a type: a text file that looks like HTML stays text.
            context.Response.Headers.XContentTypeOptions = "nosniff";
            var inline = download is null && ArtifactPaths.KindOf(path) != ArtifactKind.Other;
            return Results.Stream(stream, ArtifactPaths.ContentTypeOf(path), inline ? null : ArtifactPaths.NameOf(path));
        }
        catch (PlatformApiException e) when (e.ErrorCode == ErrorCodes.ResourceDoesNotExist || e.HttpStatus == StatusCodes.Status404NotFound)
        {
            return Results.NotFound();
        }
        catch (Exception e) when (ApiErrorText.IsApiFailure(e))
        {
            return Results.Problem(ApiErrorText.Describe(e, "Artifact"), statusCode: StatusCodes.Status502BadGateway);
        }
    }
}
