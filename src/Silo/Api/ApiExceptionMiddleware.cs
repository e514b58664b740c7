using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Contracts.Validation;
using Platform.Silo.Store;

namespace Platform.Silo.Api;

/// <summary>
/// Turns every failure under the API paths into MLflow's error body (<c>{"error_code", "message"}</c>) with MLflow's status codes.
/// The tracking database being unreachable or restarting is TEMPORARILY_UNAVAILABLE (503, a warning without stack trace: it is
/// the database's state, not a bug, and clients re-send). Other unexpected exceptions are logged with their stack trace and
/// answered with a generic INTERNAL_ERROR: no internals leak to clients.
/// </summary>
public sealed class ApiExceptionMiddleware(RequestDelegate next, ILogger<ApiExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested && IsApiPath(context.Request.Path))
        {
            // The client gave up on the request (a worker stopping a trial, a timeout): nobody reads an answer, and it is no error of ours.
        }
        catch (Exception e) when (!context.Response.HasStarted && IsApiPath(context.Request.Path))
        {
            var error = e switch
            {
                TrackingStoreException s => new ApiError(s.ErrorCode, s.Message),
                PlatformValidationException v => new ApiError(ErrorCodes.InvalidParameterValue, v.Message),
                ApiRequestException r => new ApiError(r.ErrorCode, r.Message),
                Search.SearchSyntaxException q => new ApiError(ErrorCodes.InvalidParameterValue, q.Message),
                Artifacts.ArtifactPathException a => new ApiError(ErrorCodes.InvalidParameterValue, a.Message),
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ApiError(ErrorCodes.RequestTooLarge,
                    $"request body too large for {context.Request.Method} {context.Request.Path}: the limit is {context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes"),
                BadHttpRequestException b => new ApiError(ErrorCodes.BadRequest, $"malformed request: {b.InnerException?.Message ?? b.Message}"),
                JsonException j => new ApiError(ErrorCodes.BadRequest, $"malformed JSON: {j.Message}"),
                _ => null,
            };
            if (error is null && StoreUnavailability.Of(e) is { } unavailable)
            {
                // The driver's text (it names the database's address) goes to the log only; a grain's translation has none left.
                logger.LogWarning("{Method} {Path} answered 503: {Reason}{Cause}", context.Request.Method, context.Request.Path, unavailable.Message,
                    ReferenceEquals(e, unavailable) ? "" : $" ({e.GetBaseException().Message})");
                error = new ApiError(ErrorCodes.TemporarilyUnavailable, unavailable.Message);
            }

            if (error is null)
            {
                logger.LogError(e, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
                error = new ApiError(ErrorCodes.InternalError, "internal error; see the server log");
            }

            await WriteErrorAsync(context, error);
        }
    }

    /// <summary>Answers with MLflow's error body and the status of its code (also used by authentication and the rate limiter).</summary>
    internal static async Task WriteErrorAsync(HttpContext context, ApiError error)
    {
        context.Response.StatusCode = ErrorCodes.HttpStatus(error.ErrorCode);
        await context.Response.WriteAsJsonAsync(error, TrackingJson.Options);
    }

    private static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/ajax-api");
}

/// <summary>A request the API refuses, with the MLflow error code to answer.</summary>
public sealed class ApiRequestException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;

    public static ApiRequestException Missing(string field) =>
        new(ErrorCodes.InvalidParameterValue, $"Missing value for required parameter '{field}'.");
}
