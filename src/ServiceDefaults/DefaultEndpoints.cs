namespace Platform.ServiceDefaults;

/// <summary>The anonymous endpoints every process serves: Kubernetes probes and the Prometheus scrape target use these paths.</summary>
public static class DefaultEndpoints
{
    /// <summary>Liveness: 200 while the process can serve at all (checks tagged <see cref="HealthCheckTags.Live"/>).</summary>
    public const string Liveness = "/healthz";

    /// <summary>Readiness: 200 once the process's dependencies answer (checks tagged <see cref="HealthCheckTags.Ready"/>), else 503.</summary>
    public const string Readiness = "/readyz";

    /// <summary>The Prometheus scrape endpoint (text exposition format).</summary>
    public const string Metrics = "/metrics";
}
