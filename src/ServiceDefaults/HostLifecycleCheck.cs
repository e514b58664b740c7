using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

/// <summary>
/// Ready only between the host's start and its stop: every hosted service has started (the Orleans silo joined, a client found a
/// gateway), and once SIGTERM arrives the process leaves the Service's endpoints while it drains.
/// </summary>
internal sealed class HostLifecycleCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("stopping")
            : lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("starting"));
}
