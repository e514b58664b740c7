namespace Platform.ServiceDefaults;

/// <summary>
/// Tags that put a standard <see cref="Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck"/> behind a probe. A host adds
/// its dependencies (the store, the Orleans silo or client) with <see cref="Ready"/>; <see cref="Live"/> is for checks whose
/// failure means the process must be restarted, which a dependency outage never does.
/// </summary>
public static class HealthCheckTags
{
    /// <summary>Checked by <see cref="DefaultEndpoints.Liveness"/>.</summary>
    public const string Live = "live";

    /// <summary>Checked by <see cref="DefaultEndpoints.Readiness"/>: traffic is sent only while every one of them is healthy.</summary>
    public const string Ready = "ready";
}
