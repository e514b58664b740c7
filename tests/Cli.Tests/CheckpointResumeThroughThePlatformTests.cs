using System.Diagnostics;
using System.Globalization;
using Platform.Cli.Tests.Infrastructure;
using Platform.Contracts.Api;
using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Xunit.Abstractions;

namespace Platform.Cli.Tests;

/// <summary>
/// Issue 6 acceptance: a trial whose process is killed from outside halfway is queued again and resumes from its last
/// checkpoint (a run artifact), ending exactly as an uninterrupted run, with one metric point per logged step.
/// Checkpoints are taken at every opportunity (interval 0) so "halfway" is well defined. Not run beside other classes: the
/// test finds the trial process to kill among this test process's children.
/// </summary>
[Collection(nameof(CheckpointResumeThroughThePlatformTests))]
public sealed class CheckpointResumeThroughThePlatformTests(ITestOutputHelper output)
    : EmbeddedPlatformTest("platform-checkpoints", checkpointInterval: TimeSpan.Zero)
{
    [CollectionDefinition(nameof(CheckpointResumeThroughThePlatformTests), DisableParallelization = true)]
    public sealed class Serial;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task He_initialization_killed_halfway_resumes_from_its_checkpoint_to_the_uninterrupted_final_cost()
    {
        var killed = await SubmitHeAsync();
        var checkpointAtKill = await WaitForCheckpointAsync(killed, atLeast: 6000);
        KillTrialProcess();
        var statusAfterKill = (await Platform.Client.Tracking.GetRunAsync(killed)).Info.Status;
        var uninterrupted = await SubmitHeAsync();

        var runs = await Platform.Client.WaitForRunsAsync([killed, uninterrupted], TimeSpan.FromMilliseconds(100));
        var resumedCosts = await Platform.Client.Tracking.GetMetricHistoryAsync(killed, "cost");
        var uninterruptedCosts = await Platform.Client.Tracking.GetMetricHistoryAsync(uninterrupted, "cost");
        output.WriteLine($"killed after the checkpoint of iteration {checkpointAtKill}; final cost {resumedCosts[^1].Value:R}");

        Assert.True(checkpointAtKill < 14000, $"the run was not killed halfway (checkpoint {checkpointAtKill})");
        Assert.NotEqual(RunStatus.FINISHED, statusAfterKill);
        Assert.All(runs, r => Assert.Equal(RunStatus.FINISHED, r.Info.Status));
        Assert.Equal(Enumerable.Range(0, 15).Select(i => i * 1000L), resumedCosts.Select(c => c.Step));
        Assert.Equal(uninterruptedCosts[^1].Value, resumedCosts[^1].Value, 1e-9);
        Assert.Equal(runs[1].Data.LatestMetric("train_accuracy")!.Value, runs[0].Data.LatestMetric("train_accuracy")!.Value);
        Assert.Single(await Platform.Client.Tracking.GetMetricHistoryAsync(killed, "train_accuracy"));
        Assert.Equal("14000", runs[0].Data.Tag(TrialTags.CheckpointStep));
    }

    private async Task<string> SubmitHeAsync() =>
        (await Platform.Client.SubmitRunAsync(new RunSubmission("c2w1-initialization", new Dictionary<string, string> { ["initialization"] = "he" }))).RunIds.Single();

    private async Task<long> WaitForCheckpointAsync(string runId, long atLeast)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            var run = await Platform.Client.Tracking.GetRunAsync(runId, timeout.Token);
            if (run.Data.Tag(TrialTags.CheckpointStep) is { } step && long.Parse(step, CultureInfo.InvariantCulture) >= atLeast)
            {
                return long.Parse(step, CultureInfo.InvariantCulture);
            }

            await Task.Delay(Poll, timeout.Token);
        }
    }

    /// <summary>SIGKILL to this process's <c>platform trial-host</c> child, as the OOM killer or an operator would send it.</summary>
    private static void KillTrialProcess()
    {
        var children = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == Environment.ProcessId && CommandLineOf(pid).Contains("trial-host"))
            .ToArray();
        using var child = Process.GetProcessById(Assert.Single(children));
        child.Kill();
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
