using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Tests.Grains;

/// <summary>Leases through the real scheduler and trial grains: expiry re-queues with backoff, stale reports are ignored, retries are capped.</summary>
public sealed class TrialLeaseTests : IAsyncLifetime
{
    // Short enough to expire within a test, long enough that a busy machine (a stalled heartbeat loop, a slow grain call
    // between lease and MarkRunning) does not expire one the test means to keep.
    private static readonly RetryPolicy ShortLeases = new(TimeSpan.FromSeconds(1), 1, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));
    private GrainTestHost _host = null!;

    public async Task InitializeAsync() => _host = await GrainTestHost.StartAsync(ShortLeases);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Expired_lease_requeues_the_trial_and_the_old_worker_is_told_to_stop_and_ignored()
    {
        var trial = await StartTrialAsync();
        var first = await LeaseAsync("w1");
        Assert.False((await trial.MarkRunning("w1")).Stop);

        var second = await LeaseAsync("w2"); // w1 never heartbeats: its lease runs out and the trial is queued again

        Assert.Equal(first.Trial.RunId, second.Trial.RunId);
        Assert.False((await trial.MarkRunning("w2")).Stop);
        Assert.True((await trial.Heartbeat("w1")).Stop);
        await trial.Complete("w1", new TrialOutcome(RunStatus.FAILED, "late"));
        Assert.Equal(RunStatus.RUNNING, await trial.GetStatus());

        await trial.Complete("w2", new TrialOutcome(RunStatus.FINISHED));
        await trial.Complete("w2", new TrialOutcome(RunStatus.FINISHED)); // a duplicate report changes nothing

        var run = await _host.Store.GetRunAsync(first.Trial.RunId);
        Assert.Equal(RunStatus.FINISHED, run!.Info.Status);
        Assert.Null(run.Data.Tag(PlatformTags.Error));
        var stored = await _host.Store.GetTrialAsync(first.Trial.RunId);
        Assert.Equal(("Finished", 1L), (stored!.State, stored.Retries));
        // The run's log tells the same story, once per change, for the dashboard's Logs tab. A lease is not written through
        // (it lives in the grain), so the log goes from queued to running on the worker that took it.
        var log = await _host.Store.GetRunLogsAsync(first.Trial.RunId, 0, 100);
        Assert.Equal(
            ["queued", "running on worker w1", "re-queued for retry 1: lease of worker w1 expired",
             "running on worker w2", "finished"],
            log.Select(l => l.Message));
        Assert.All(log, l => Assert.Equal("platform", l.Source));
    }

    [Fact]
    public async Task Lease_lost_more_often_than_the_retry_cap_fails_the_trial()
    {
        var trial = await StartTrialAsync();
        await LeaseAsync("w1");
        await LeaseAsync("w2");

        // The lease timer fires on its own schedule, and the grain answers GetStatus from memory while it is still writing the
        // ending: wait for the stored run instead.
        var run = await _host.Store.GetRunAsync(trial.GetPrimaryKeyString());
        while (run!.Info.Status != RunStatus.FAILED)
        {
            await Task.Delay(20);
            run = await _host.Store.GetRunAsync(trial.GetPrimaryKeyString());
        }

        Assert.Equal(RunStatus.FAILED, await trial.GetStatus());
        Assert.Contains("gave up after 1 retries", run.Data.Tag(PlatformTags.Error));
    }

    [Fact]
    public async Task Heartbeats_keep_the_lease()
    {
        var trial = await StartTrialAsync();
        await LeaseAsync("w1");
        await trial.MarkRunning("w1");
        var until = DateTime.UtcNow + 3 * ShortLeases.LeaseDuration;

        while (DateTime.UtcNow < until)
        {
            Assert.False((await trial.Heartbeat("w1")).Stop);
            await Task.Delay(50);
        }

        Assert.Equal(RunStatus.RUNNING, await trial.GetStatus());
    }

    private async Task<ITrialGrain> StartTrialAsync()
    {
        var runId = Guid.NewGuid().ToString("N");
        var spec = new TrialSpec(runId, "leases", "sleep", new Dictionary<string, string> { ["duration_ms"] = "0" });
        await _host.Grains.GetGrain<ITrialGrain>(runId).Start(spec);
        return _host.Grains.GetGrain<ITrialGrain>(runId);
    }

    /// <summary>Asks the scheduler until it grants a lease (a re-queued trial waits out its lease and backoff first).</summary>
    private async Task<TrialLease> LeaseAsync(string workerId)
    {
        var scheduler = _host.Grains.GetGrain<ISchedulerGrain>(0);
        var offer = new WorkerOffer(workerId, new[] { "sleep" });
        while (true)
        {
            if (await scheduler.TryLease(offer) is { } lease)
            {
                return lease;
            }

            await Task.Delay(20);
        }
    }
}
