using System.CommandLine;

namespace Platform.Cli.Commands;

/// <summary>The <c>platform</c> command line: local mode, the client verbs and the cluster's processes.</summary>
public static class PlatformCommand
{
    /// <summary>Parses and runs; the cluster's long-running processes handle SIGTERM themselves (graceful drain).</summary>
    public static Task<int> InvokeAsync(string[] args)
    {
        var parsed = Create().Parse(args);
        return ClusterProcessCommands.IsHostVerb(parsed.CommandResult.Command)
            ? parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null })
            : parsed.InvokeAsync();
    }

    public static RootCommand Create()
    {
        var root = new RootCommand("Platform: runs the Deep Learning Specialization assignments as tracked training jobs and sweeps.")
        {
            UpCommand.Create(),
            RunCommand.Create(),
            SweepCommand.Create(),
            AssignmentsCommand.Create(),
            TokenCommand.Create(),
            TrialHostCommandLine.Create(),
        };
        foreach (var command in ClusterProcessCommands.Create())
        {
            root.Add(command);
        }

        return root;
    }
}
