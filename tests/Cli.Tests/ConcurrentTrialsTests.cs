using Platform.Cli.Local;
using Platform.Contracts.Api;
using Platform.Contracts.Catalog.Assignments;
using Platform.Contracts.Tracking;
using Platform.Testing;

namespace Platform.Cli.Tests;

/// <summary>A worker with two CPU slots runs two trials at once, and never a third (issue 6: workers advertise CPUs).</summary>
public sealed class ConcurrentTrialsTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new("platform-slots");
    private EmbeddedPlatform _platform = null!;

    public async Task InitializeAsync() =>
        _platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
        {
            Home = _home.Path, DataDirectory = TestDataDirectory.Path, Quiet = true, ConcurrentTrials = 2,
        });

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task Two_slots_run_two_trials_at_once_and_queue_the_third()
    {
        var runIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var settings = new Dictionary<string, string> { ["duration_ms"] = "4000", ["steps"] = "4" };
            runIds.Add((await _platform.Client.SubmitRunAsync(new RunSubmission(SleepAssignment.Id, settings))).RunIds.Single());
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var mostRunning = 0;
        while (true)
        {
            var statuses = new List<RunStatus>();
            foreach (var id in runIds)
            {
                statuses.Add((await _platform.Client.Tracking.GetRunAsync(id, timeout.Token)).Info.Status);
            }

            mostRunning = Math.Max(mostRunning, statuses.Count(s => s == RunStatus.RUNNING));
            if (statuses.All(s => s.IsTerminal()))
            {
                Assert.All(statuses, s => Assert.Equal(RunStatus.FINISHED, s));
                break;
            }

            await Task.Delay(50, timeout.Token);
        }

        Assert.Equal(2, mostRunning);
    }
}
