namespace Platform.ServiceDefaults;

/// <summary>The meters every process exports on <see cref="DefaultEndpoints.Metrics"/>.</summary>
public static class TelemetryMeters
{
    /// <summary>The platform's own instruments (grain calls, scheduler queue, trials by state, metric ingest).</summary>
    public const string Platform = "Platform";

    /// <summary>Orleans' built-in instruments (activations, messaging, membership, requests).</summary>
    public const string Orleans = "Microsoft.Orleans";

    /// <summary>
    /// Every meter exported. ASP.NET Core and the runtime publish these themselves since .NET 8/9, so no instrumentation
    /// package is needed: the names are what OpenTelemetry.Instrumentation.AspNetCore and .Runtime would add.
    /// </summary>
    public static readonly IReadOnlyList<string> All =
    [
        Platform,
        Orleans,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http",
        "System.Runtime",
    ];
}
