namespace Platform.Cli.Local;

/// <summary>Local mode: everything in one process on loopback, with the SQLite store under the home folder.</summary>
public sealed class EmbeddedPlatformOptions
{
    public const string HomeVariable = "PLATFORM_HOME";

    /// <summary>The platform home folder (the store and artifacts); <c>PLATFORM_HOME</c>, then <c>~/.platform</c>.</summary>
    public string Home { get; init; } = DefaultHome();

    /// <summary>The HTTP port for the API and dashboard; 0 picks a free one.</summary>
    public int HttpPort { get; init; }

    public string? DataDirectory { get; init; }

    public string Device { get; init; } = "cpu";

    public bool WithDashboard { get; init; }

    /// <summary>
    /// Token authentication on the API and dashboard. Off by default: local mode binds 127.0.0.1 only (<c>platform up --auth</c>).
    /// </summary>
    public bool Auth { get; init; }

    /// <summary>
    /// Each trial in its own <c>platform trial-host</c> process (the default: cancel kills it, a native crash fails only that
    /// trial), or on a thread of this process (faster to start; for tests of everything but isolation).
    /// </summary>
    public bool TrialsInOwnProcess { get; init; } = true;

    /// <summary>
    /// Host names answered besides 127.0.0.1, localhost and [::1] (<c>platform up --allowed-hosts</c>), for a proxy or port
    /// forward that sends its own name; a request with any other <c>Host</c> gets 400.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>How many trials the in-process worker agent runs at once.</summary>
    public int ConcurrentTrials { get; init; } = 1;

    /// <summary>The GPUs the in-process worker advertises (<c>platform up --gpus 0:16384</c>); empty: detected on CUDA, else none.</summary>
    public IReadOnlyList<Platform.Contracts.Grains.GpuDevice> Gpus { get; init; } = [];

    /// <summary>How often trials save a checkpoint (null: the worker's default, <c>WorkerAgentOptions.CheckpointInterval</c>).</summary>
    public TimeSpan? CheckpointInterval { get; init; }

    /// <summary>Only warnings and errors reach the console (for the one-shot verbs, whose output is the result).</summary>
    public bool Quiet { get; init; }

    public static string DefaultHome() =>
        Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".platform");
}
