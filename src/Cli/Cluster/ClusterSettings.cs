using Microsoft.Extensions.Configuration;
using Platform.Silo.Hosting;
using Platform.Silo.Store;
using Platform.Workers.Agent;

namespace Platform.Cli.Cluster;

/// <summary>
/// The settings of the cluster processes (<c>platform silo|worker|dashboard|migrate</c>) read from configuration: appsettings,
/// environment variables (<c>Cluster__Membership</c>) and <c>--Cluster:Membership=postgres</c> arguments. Every problem names its key.
/// </summary>
internal static class ClusterSettings
{
    public const int SiloHttpPort = 8080;
    public const int WorkerHttpPort = 8081;
    public const int DashboardHttpPort = 8080;

    public static StoreOptions Store(IConfiguration configuration) =>
        configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions();

    public static PlatformClusterOptions Cluster(IConfiguration configuration) =>
        configuration.GetSection(PlatformClusterOptions.Section).Get<PlatformClusterOptions>() ?? new PlatformClusterOptions();

    /// <summary>The worker section, with trials in their own <c>platform trial-host</c> processes of this installation.</summary>
    public static WorkerAgentOptions Worker(IConfiguration configuration)
    {
        var worker = configuration.GetSection(WorkerAgentOptions.Section).Get<WorkerAgentOptions>() ?? new WorkerAgentOptions();
        worker.TrialHost = Commands.TrialHostCommandLine.ForThisInstallation();
        return worker;
    }

    /// <summary><c>Dashboard:ApiUrl</c>: the platform API the dashboard reads (a silo's HTTP port, or a Service in front of them).</summary>
    public static Uri DashboardApiUrl(IConfiguration configuration)
    {
        var value = configuration["Dashboard:ApiUrl"];
        return Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new Commands.CliError($"Dashboard:ApiUrl must be an absolute http(s) URL, got '{value}'");
    }

    /// <summary>Where the process's HTTP endpoints listen: <c>Http:Host</c> (every interface by default) and <c>Http:Port</c>.</summary>
    public static string HttpUrl(IConfiguration configuration, int defaultPort)
    {
        var port = configuration.GetValue("Http:Port", defaultPort);
        if (port is < 1 or > 65535)
        {
            throw new Commands.CliError($"Http:Port must be a TCP port (1-65535), got {port}");
        }

        var host = configuration["Http:Host"] is { Length: > 0 } h ? h : "0.0.0.0";
        return $"http://{host}:{port}";
    }

    /// <summary>Throws one error listing every problem (each naming its key), or returns when there are none.</summary>
    public static void ThrowIfInvalid(IEnumerable<string> problems)
    {
        var all = problems.ToArray();
        if (all.Length > 0)
        {
            throw new Commands.CliError(string.Join('\n', all));
        }
    }
}
