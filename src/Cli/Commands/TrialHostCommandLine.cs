using System.CommandLine;
using Platform.Workers.Agent.Isolation;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>platform trial-host</c> (hidden): the process a worker agent starts for each trial. It reads the trial from standard
/// input and speaks <see cref="TrialHostProtocol"/> on standard output; people do not call it.
/// </summary>
internal static class TrialHostCommandLine
{
    public const string Name = "trial-host";

    public static Command Create()
    {
        var command = new Command(Name, "Runs one trial for a worker agent (internal)") { Hidden = true };
        command.SetAction((_, _) => TrialProcessHost.RunAsync(Console.In, Console.Out));
        return command;
    }

    /// <summary>How an agent in this process starts a trial process: the same platform.dll under the same dotnet host.</summary>
    public static TrialHostCommand ForThisInstallation()
    {
        // DOTNET_HOST_PATH is set by the SDK (tests); otherwise this process runs under dotnet (./platform, dotnet platform.dll).
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath
            ? hostPath
            : Environment.ProcessPath is { } processPath && Path.GetFileNameWithoutExtension(processPath) == "dotnet"
                ? processPath
                : "dotnet";
        return new TrialHostCommand(dotnet, [typeof(TrialHostCommandLine).Assembly.Location, Name]);
    }
}
