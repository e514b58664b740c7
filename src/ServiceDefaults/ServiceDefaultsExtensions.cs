using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Platform.ServiceDefaults;

/// <summary>
/// The defaults every platform process composes (eShop style): <see cref="AddServiceDefaults"/> registers health checks and
/// OpenTelemetry metrics with a Prometheus exporter; <see cref="MapDefaultEndpoints"/> serves them on <see cref="DefaultEndpoints"/>.
/// Hosts add their readiness checks as ordinary health checks tagged <see cref="HealthCheckTags.Ready"/>.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // The process is alive as long as it can answer; dependencies only decide readiness, so an outage of the store never
        // makes Kubernetes restart every pod at once.
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthCheckTags.Live])
            .AddCheck<HostLifecycleCheck>("host", HealthStatus.Unhealthy, [HealthCheckTags.Ready]);

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics.AddMeter([.. TelemetryMeters.All]).AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// Maps the probes and the scrape endpoint, all anonymous (probes and Prometheus carry no token). They reveal nothing secret:
    /// the probes answer only Healthy/Unhealthy (the default writer never prints a check's exception), and metrics carry
    /// counts labelled by grain, method, state and HTTP route, never ids, parameters or tokens.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(DefaultEndpoints.Liveness, new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthCheckTags.Live) })
            .AllowAnonymous();
        app.MapHealthChecks(DefaultEndpoints.Readiness, new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthCheckTags.Ready) })
            .AllowAnonymous();
        app.MapPrometheusScrapingEndpoint(DefaultEndpoints.Metrics).AllowAnonymous();
        return app;
    }
}
