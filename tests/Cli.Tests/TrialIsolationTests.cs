using System.Diagnostics;
using Platform.Cli.Local;
using Platform.Cli.Tests.Infrastructure;
using Platform.Contracts.Api;
using Platform.Contracts.Catalog.Assignments;
using Platform.Contracts.Tracking;
using Xunit.Abstractions;

namespace Platform.Cli.Tests;

/// <summary>
/// Trials in their own process (issue 6): a crash ends only its trial, and a cancel stops a trial that ignores cancellation
/// by killing its process, so the agent is free for the next one within about two seconds.
/// </summary>
public sealed class TrialIsolationTests(ITestOutputHelper output) : EmbeddedPlatformTest("platform-isolation")
{
    [Fact]
    public async Task A_crashing_trial_fails_alone_and_the_agent_runs_the_next_one()
    {
        var crashing = await SubmitSleepAsync(("steps", "5"), ("fail_at_step", "2"), ("failure", SleepAssignment.FailureCrash));
        var healthy = await SubmitSleepAsync(("steps", "3"));

        var runs = await Platform.Client.WaitForRunsAsync([crashing, healthy], TimeSpan.FromMilliseconds(100));

        Assert.Equal(RunStatus.FAILED, runs[0].Info.Status);
        Assert.Contains("the trial process exited with code", runs[0].Data.Tag(PlatformTags.Error));
        Assert.Equal(RunStatus.FINISHED, runs[1].Info.Status);
        Assert.Equal(-0.03 + 1.0, runs[1].Data.LatestMetric("loss")!.Value, 12);
    }

    [Fact]
    public async Task A_job_that_ignores_cancellation_is_killed_and_the_next_trial_starts_within_seconds()
    {
        var hanging = await SubmitSleepAsync(("steps", "5"), ("fail_at_step", "1"), ("failure", SleepAssignment.FailureHang));
        await WaitForStatusAsync(hanging, RunStatus.RUNNING);
        var next = await SubmitSleepAsync(("steps", "1"));

        var clock = Stopwatch.StartNew();
        await Platform.Client.CancelRunAsync(hanging);
        await WaitForStatusAsync(next, RunStatus.RUNNING);
        output.WriteLine($"cancel to the next trial running: {clock.ElapsedMilliseconds} ms");

        // Heartbeat (≤ 0.5 s) + grace before the kill (0.5 s) + the agent's next poll (0.2 s), with slack for a loaded machine.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        var runs = await Platform.Client.WaitForRunsAsync([hanging, next], TimeSpan.FromMilliseconds(100));
        Assert.Equal(RunStatus.KILLED, runs[0].Info.Status);
        Assert.Equal(RunStatus.FINISHED, runs[1].Info.Status);
    }

    private async Task<string> SubmitSleepAsync(params (string Name, string Value)[] settings)
    {
        var submitted = await Platform.Client.SubmitRunAsync(new RunSubmission(SleepAssignment.Id, settings.ToDictionary(s => s.Name, s => s.Value)));
        return submitted.RunIds.Single();
    }

    private async Task WaitForStatusAsync(string runId, RunStatus status)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await Platform.Client.Tracking.GetRunAsync(runId, timeout.Token)).Info.Status != status)
        {
            await Task.Delay(25, timeout.Token);
        }
    }
}
