using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests;

/// <summary><c>platform sweep submit|watch|pause|resume|cancel --server</c> as a user runs them, against an embedded platform.</summary>
public sealed class SweepControlCommandTests() : EmbeddedPlatformTest("platform-sweep-control")
{
    private string Server => Platform.BaseAddress.ToString();

    [Fact]
    public async Task Submit_prints_the_id_and_watch_follows_the_sweep_to_finished_then_cancel_is_refused()
    {
        var file = Path.Combine(Home.Path, "sleep.yaml");
        await File.WriteAllTextAsync(file, """
            assignment: sleep
            method: random
            run_cap: 3
            parameters:
              slope: {distribution: uniform, min: -1, max: 1}
              duration_ms: {value: 200}
            """);

        var submit = await PlatformProcess.RunAsync("sweep", "submit", file, "--server", Server);
        var sweepId = submit.StandardOutput.Trim();
        var watch = await PlatformProcess.RunAsync("sweep", "watch", sweepId, "--server", Server);
        var cancel = await PlatformProcess.RunAsync("sweep", "cancel", sweepId, "--server", Server);

        Assert.True(submit.ExitCode == 0, submit.StandardError);
        Assert.Matches("^[0-9a-f]{32}$", sweepId);
        Assert.True(watch.ExitCode == 0, watch.StandardError);
        var lines = watch.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"{sweepId[..8]} FINISHED  3 trials: 3 finished", lines[^1]);
        Assert.Equal(2, cancel.ExitCode);
        Assert.Equal("error: cannot cancel a finished sweep (INVALID_STATE)", cancel.StandardError.Trim());
    }

    [Fact]
    public async Task Control_verbs_need_a_server()
    {
        var result = await PlatformProcess.RunAsync("sweep", "pause", "abc");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--server is required", result.StandardError);
    }
}
