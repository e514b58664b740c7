using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts.Tracking;
using Platform.Silo.Telemetry;

namespace Platform.Silo.Api;

public static class TrackingApiServiceCollectionExtensions
{
    /// <summary>
    /// The HTTP settings the tracking API relies on: <see cref="TrackingJson"/> for bodies, and binding failures (malformed JSON,
    /// wrong types) thrown instead of answered with an empty 400, so <see cref="ApiExceptionMiddleware"/> gives MLflow's error body.
    /// </summary>
    public static IServiceCollection AddTrackingApi(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o => TrackingJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddMetrics();
        services.TryAddSingleton<PlatformMetrics>(); // the log endpoints count ingested points; the grains report into it too
        return services;
    }
}

public static class TrackingApiApplicationExtensions
{
    /// <summary>
    /// The tracking API's pipeline and routes: MLflow error bodies, NaN/Infinity tokens accepted, the MLflow API (with the
    /// artifact proxy) and the platform's tracking additions. Needs only <c>AddTrackingStore</c> and <c>AddTrackingApi</c>.
    /// The routes go to <paramref name="routes"/> when given (the platform's secured group), else straight onto the app.
    /// </summary>
    public static WebApplication UseTrackingApi(this WebApplication app, IEndpointRouteBuilder? routes = null)
    {
        app.UseMiddleware<ApiExceptionMiddleware>();
        app.UseMiddleware<NonFiniteJsonMiddleware>();
        (routes ?? app).MapMlflowTrackingApi();
        (routes ?? app).MapPlatformTrackingApi();
        return app;
    }
}
