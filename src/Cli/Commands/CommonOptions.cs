using System.CommandLine;

namespace Platform.Cli.Commands;

/// <summary>Options shared by several verbs, defined once.</summary>
internal static class CommonOptions
{
    public static Option<string?> Home() => new("--home") { Description = "Platform home folder (store, artifacts). Default: $PLATFORM_HOME, then ~/.platform" };

    public static Option<string?> DataDir() => new("--data-dir") { Description = "Folder with the course's data files. Default: $PLATFORM_DATA_DIR, then ./data" };

    public static Option<string?> Server() => new("--server") { Description = "URL of a running platform; without it a local embedded platform is started for this command" };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of a table" };

    public static Option<string> Device() => new("--device") { Description = "Training device for the embedded worker: cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
}
