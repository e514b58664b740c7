using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;
using Platform.ServiceDefaults;
using Platform.Silo.Store;

namespace Platform.Silo.Hosting;

/// <summary>The silo's readiness: its store answers and its Orleans silo is an active cluster member.</summary>
public static class ReadinessChecks
{
    // Long enough for a busy database, short enough that a probe (timeout 5 s in deploy/k8s) gets an answer.
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(4);

    public static IHealthChecksBuilder AddTrackingStoreCheck(this IHealthChecksBuilder checks) =>
        checks.AddCheck<TrackingStoreCheck>("store", HealthStatus.Unhealthy, [HealthCheckTags.Ready], CheckTimeout);

    public static IHealthChecksBuilder AddSiloCheck(this IHealthChecksBuilder checks) =>
        checks.AddCheck<SiloActiveCheck>("orleans-silo", HealthStatus.Unhealthy, [HealthCheckTags.Ready], CheckTimeout);

    private sealed class TrackingStoreCheck(ITrackingStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                // The cheapest query both stores answer (experiment 0 is MLflow's default): a round trip, nothing more.
                await store.GetExperimentAsync("0", ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("the tracking store does not answer", e);
            }
        }
    }

    private sealed class SiloActiveCheck(ISiloStatusOracle silo) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(silo.CurrentStatus == SiloStatus.Active
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"the silo is {silo.CurrentStatus}, not active"));
    }
}
