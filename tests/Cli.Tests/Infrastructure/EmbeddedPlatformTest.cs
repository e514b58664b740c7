using Platform.Cli.Local;
using Platform.Testing;

namespace Platform.Cli.Tests.Infrastructure;

/// <summary>A test class with its own embedded platform on a temporary home, started before each test and stopped after.</summary>
public abstract class EmbeddedPlatformTest(
    string homePrefix, bool withDashboard = false, int concurrentTrials = 1, bool trialsInOwnProcess = true, TimeSpan? checkpointInterval = null,
    string? gpus = null)
    : IAsyncLifetime
{
    protected TempDirectory Home { get; } = new(homePrefix);

    protected EmbeddedPlatform Platform { get; private set; } = null!;

    public async Task InitializeAsync() => Platform = await StartPlatformAsync();

    public async Task DisposeAsync()
    {
        await Platform.DisposeAsync();
        Home.Dispose();
    }

    /// <summary>Stops the platform and starts a new one on the same home, as a full restart does.</summary>
    protected async Task RestartPlatformAsync()
    {
        await Platform.DisposeAsync();
        Platform = await StartPlatformAsync();
    }

    private Task<EmbeddedPlatform> StartPlatformAsync() =>
        EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
        {
            Home = Home.Path,
            DataDirectory = TestDataDirectory.Path,
            Quiet = true,
            WithDashboard = withDashboard,
            ConcurrentTrials = concurrentTrials,
            TrialsInOwnProcess = trialsInOwnProcess,
            CheckpointInterval = checkpointInterval,
            Gpus = gpus is null ? [] : global::Platform.Workers.Agent.GpuInventory.Parse(gpus),
        });
}
