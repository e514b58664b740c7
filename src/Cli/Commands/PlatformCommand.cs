using System.CommandLine;

namespace Platform.Cli.Commands;

/// <summary>The <c>platform</c> command line: local mode and the client verbs.</summary>
public static class PlatformCommand
{
    public static RootCommand Create() => new("Platform: runs the Deep Learning Specialization assignments as tracked training jobs and sweeps.")
    {
        UpCommand.Create(),
        RunCommand.Create(),
        SweepCommand.Create(),
        AssignmentsCommand.Create(),
        TrialHostCommandLine.Create(),
    };
}
