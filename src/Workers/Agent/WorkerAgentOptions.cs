using Platform.Workers.Agent.Isolation;

namespace Platform.Workers.Agent;

/// <summary>Configuration of a worker agent (section <c>Worker</c>).</summary>
public sealed class WorkerAgentOptions
{
    public const string Section = "Worker";

    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Where the course's data files are read from; null means <c>PLATFORM_DATA_DIR</c>, then <c>./data</c>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The TorchSharp device trials train on: "cpu", "cuda" or "cuda:N".</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>The platform's HTTP API, where trials log their metrics.</summary>
    public Uri? ApiBaseAddress { get; set; }

    /// <summary>
    /// Other addresses of the same API (further silos), comma-separated, used while <see cref="ApiBaseAddress"/> cannot be
    /// connected to: where no load balancer stands in front of the silos, a worker and its trials then outlive the silo they
    /// talk to. Empty: none.
    /// </summary>
    public string? ApiFallbackAddresses { get; set; }

    /// <summary><see cref="ApiBaseAddress"/> followed by the <see cref="ApiFallbackAddresses"/>.</summary>
    public IReadOnlyList<Uri> ApiAddresses =>
        [ApiBaseAddress!, .. FallbackAddresses().Select(a => new Uri(a, UriKind.Absolute))];

    /// <summary>The API token (role submitter) the worker sends as <c>Authorization: Bearer</c>; null when the platform runs without authentication.</summary>
    public string? ApiToken { get; set; }

    /// <summary>
    /// The program that runs each trial in its own process (<c>platform trial-host</c>), so that a cancel can kill it and a
    /// native crash ends only that trial. Null runs trials on a thread of the agent's process.
    /// </summary>
    public TrialHostCommand? TrialHost { get; set; }

    /// <summary>
    /// How many trials this agent runs at once (CPU slots). Above 1 it advertises them to the scheduler, which then places
    /// trials by their needs and never gives it more than it has.
    /// </summary>
    public int CpuSlots { get; set; } = 1;

    /// <summary>
    /// The GPUs this worker offers, by device index with their memory (<c>Worker:Gpus</c>, <c>platform up --gpus</c>). Empty:
    /// detected when <see cref="Device"/> is CUDA (<see cref="GpuInventory"/>), none otherwise. With GPUs the worker
    /// advertises a capacity, and each trial trains on the device its lease grants (<c>cuda:N</c>, or <c>cpu</c>).
    /// </summary>
    public List<Platform.Contracts.Grains.GpuDevice> Gpus { get; set; } = [];

    /// <summary>
    /// How often a trial saves a checkpoint (at its next consistent point once this has passed), so a trial queued again
    /// resumes on any worker instead of starting over. Zero saves at every such point; <see cref="Timeout.InfiniteTimeSpan"/> never.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a running trial renews its lease; also how soon a cancel reaches it (well under the 2 s promised).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Drain: once asked to stop, the agent leases nothing new and lets running trials go on for this long before it cancels
    /// them and hands them back (re-queued elsewhere). Zero hands them back at once (local mode: nobody else would run them).
    /// The host's shutdown timeout must be longer.
    /// </summary>
    public TimeSpan DrainGracePeriod { get; set; } = TimeSpan.Zero;

    private IEnumerable<string> FallbackAddresses() =>
        (ApiFallbackAddresses ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public IEnumerable<string> Validate()
    {
        if (DrainGracePeriod < TimeSpan.Zero)
        {
            yield return $"{Section}:DrainGracePeriod must not be negative, got {DrainGracePeriod}";
        }

        if (ApiBaseAddress is null || !ApiBaseAddress.IsAbsoluteUri)
        {
            yield return $"{Section}:ApiBaseAddress must be an absolute http(s) URL, got '{ApiBaseAddress}'";
        }

        foreach (var address in FallbackAddresses().Where(a => !IsHttpUrl(a)))
        {
            yield return $"{Section}:ApiFallbackAddresses must be absolute http(s) URLs separated by commas, got '{address}'";
        }

        if (Device != "cpu" && Device != "cuda" && !System.Text.RegularExpressions.Regex.IsMatch(Device, @"^cuda:\d+$"))
        {
            yield return $"{Section}:Device must be cpu, cuda or cuda:N, got '{Device}'";
        }

        if (HeartbeatInterval <= TimeSpan.Zero)
        {
            yield return $"{Section}:HeartbeatInterval must be positive, got {HeartbeatInterval}";
        }

        if (CpuSlots is < 1 or > 1024)
        {
            yield return $"{Section}:CpuSlots must be between 1 and 1024, got {CpuSlots}";
        }

        if (CheckpointInterval < TimeSpan.Zero && CheckpointInterval != Timeout.InfiniteTimeSpan)
        {
            yield return $"{Section}:CheckpointInterval must be zero or positive, got {CheckpointInterval}";
        }

        if (Gpus.Any(g => g.Index < 0 || g.MemoryMiB < 0) || Gpus.Select(g => g.Index).Distinct().Count() != Gpus.Count)
        {
            yield return $"{Section}:Gpus must list distinct device indices >= 0 with memory >= 0, got {string.Join(", ", Gpus.Select(g => $"{g.Index}:{g.MemoryMiB}"))}";
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            yield return $"{Section}:PollInterval must be positive, got {PollInterval}";
        }
    }
}
