using Platform.Cli.Tests.Infrastructure;
using Platform.Contracts.Api;
using Platform.Contracts.Catalog.Assignments;
using Platform.Contracts.Tracking;

namespace Platform.Cli.Tests;

/// <summary>
/// A worker with two CPU slots runs two trials at once, and never a third (issue 6: workers advertise CPUs). Its trials run
/// on threads of the agent's process, the configuration without trial processes, so that path stays tested too.
/// </summary>
public sealed class ConcurrentTrialsTests() : EmbeddedPlatformTest("platform-slots", concurrentTrials: 2, trialsInOwnProcess: false)
{
    [Fact]
    public async Task Two_slots_run_two_trials_at_once_and_queue_the_third()
    {
        var settings = new Dictionary<string, string> { ["duration_ms"] = "4000", ["steps"] = "4" };
        var runIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            runIds.Add((await Platform.Client.SubmitRunAsync(new RunSubmission(SleepAssignment.Id, settings))).RunIds.Single());
        }

        var runs = await Platform.Client.WaitForRunsAsync(runIds, TimeSpan.FromMilliseconds(100));
        Assert.All(runs, run => Assert.Equal(RunStatus.FINISHED, run.Info.Status));

        // Each run logs its loss once a second while it trains: the first and last timestamps bound its time on the worker.
        var intervals = new List<(long From, long To)>();
        foreach (var id in runIds)
        {
            var history = await Platform.Client.Tracking.GetMetricHistoryAsync(id, "loss");
            intervals.Add((history.Min(m => m.Timestamp), history.Max(m => m.Timestamp)));
        }

        var mostAtOnce = intervals.Max(i => intervals.Count(other => other.From <= i.From && i.From <= other.To));
        Assert.Equal(2, mostAtOnce);
    }
}
