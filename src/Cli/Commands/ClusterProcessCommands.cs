using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Platform.Cli.Cluster;
using Platform.Silo.Store;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>platform silo|worker|dashboard|migrate</c>: the cluster's processes. Settings come from configuration, not options:
/// environment variables (<c>Cluster__Membership=postgres</c>) or arguments (<c>--Cluster:Membership=postgres</c>).
/// </summary>
internal static class ClusterProcessCommands
{
    private static readonly HashSet<string> HostVerbs = ["silo", "worker", "dashboard"];

    public static IEnumerable<Command> Create()
    {
        yield return Host("silo", "Run an Orleans silo with the HTTP APIs (cluster mode; settings: Cluster:*, Store:*, Http:Port)", ClusterProcesses.BuildSilo);
        yield return Host("worker", "Run a worker agent that leases trials from the cluster (settings: Cluster:*, Worker:*, Http:Port)", ClusterProcesses.BuildWorker);
        yield return Host("dashboard", "Run the dashboard against a platform API (settings: Dashboard:ApiUrl, Http:Port)", ClusterProcesses.BuildDashboard);
        yield return Migrate();
    }

    /// <summary>The long-running verbs stop on SIGTERM through the host (graceful drain), not through the command line's 2 s timeout.</summary>
    public static bool IsHostVerb(Command command) => HostVerbs.Contains(command.Name);

    private static Command Host(string name, string description, Func<string[], WebApplication> build)
    {
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        command.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            await using var app = build(result.UnmatchedTokens.ToArray());
            await app.RunAsync();
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary><c>platform migrate</c>: applies the store schema (on PostgreSQL with the cluster's membership tables) and exits; a Kubernetes Job runs it.</summary>
    private static Command Migrate()
    {
        var command = new Command("migrate", "Apply the store schema (and Orleans membership tables on PostgreSQL), then exit (settings: Store:*)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(result.UnmatchedTokens.ToArray()).Build();
            var store = ClusterSettings.Store(configuration);
            ClusterSettings.ThrowIfInvalid(store.Validate());
            await using var services = new ServiceCollection().AddTrackingStore(store).BuildServiceProvider();
            await services.GetRequiredService<ITrackingStore>().MigrateAsync(ct);
            Console.Out.WriteLine($"store schema is up to date ({store.Provider})");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
