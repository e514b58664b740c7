using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Tests.Grains;

/// <summary>
/// A trial that runs again (its worker died, or it was handed back) keeps only the metric points up to its last checkpoint,
/// so the attempt that resumes from it logs every later step exactly once; without a checkpoint it starts over clean.
/// </summary>
public sealed class TrialRerunTests : IAsyncLifetime
{
    private static readonly RetryPolicy ShortLeases = new(TimeSpan.FromSeconds(1), 3, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));
    private GrainTestHost _host = null!;

    public async Task InitializeAsync() => _host = await GrainTestHost.StartAsync(ShortLeases);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_worker_that_dies_after_its_checkpoint_leaves_only_the_points_up_to_it_for_the_next_worker()
    {
        var (trial, runId) = await StartTrialAsync();
        await LeaseAsync("w1");
        await trial.MarkRunning("w1");
        await LogLossAsync(runId, 1, 2, 3);
        await _host.Store.LogBatchAsync(runId, [], [], [new RunTag(TrialTags.CheckpointStep, "2"), new RunTag(TrialTags.CheckpointPath, "checkpoints/a.ckpt")]);
        await LogLossAsync(runId, 4, 5); // logged after the checkpoint, then w1 dies

        await LeaseAsync("w2"); // w1's lease runs out
        Assert.False((await trial.MarkRunning("w2")).Stop);
        var kept = await _host.Store.GetMetricHistoryAsync(runId, "loss");
        await LogLossAsync(runId, 3, 4, 5); // w2 resumes after step 2
        await trial.Complete("w2", new TrialOutcome(RunStatus.FINISHED));

        Assert.Equal([1L, 2], kept.Select(p => p.Step));
        Assert.Equal([1L, 2, 3, 4, 5], (await _host.Store.GetMetricHistoryAsync(runId, "loss")).Select(p => p.Step));
        Assert.Equal(5, (await _host.Store.GetRunAsync(runId))!.Data.Metrics.Single().Step);
    }

    [Fact]
    public async Task A_trial_handed_back_without_a_checkpoint_starts_over_with_no_points()
    {
        var (trial, runId) = await StartTrialAsync();
        await LeaseAsync("w1");
        await trial.MarkRunning("w1");
        await LogLossAsync(runId, 1, 2);
        await trial.Complete("w1", new TrialOutcome(RunStatus.KILLED, "the worker stopped", Retryable: true));

        await LeaseAsync("w2");
        await trial.MarkRunning("w2");

        Assert.Empty(await _host.Store.GetMetricHistoryAsync(runId, "loss"));
        Assert.Empty((await _host.Store.GetRunAsync(runId))!.Data.Metrics);
    }

    [Fact]
    public async Task The_first_attempt_deletes_nothing()
    {
        var (trial, runId) = await StartTrialAsync();
        await LeaseAsync("w1");
        await LogLossAsync(runId, 1); // e.g. a client that logs before the worker reports running

        await trial.MarkRunning("w1");

        Assert.Single(await _host.Store.GetMetricHistoryAsync(runId, "loss"));
    }

    private Task LogLossAsync(string runId, params long[] steps) =>
        _host.Store.LogBatchAsync(runId, steps.Select(s => new Metric("loss", 1.0 / s, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), s)).ToArray(), [], []);

    private async Task<(ITrialGrain Trial, string RunId)> StartTrialAsync()
    {
        var runId = Guid.NewGuid().ToString("N");
        var spec = new TrialSpec(runId, "reruns", "sleep", new Dictionary<string, string> { ["duration_ms"] = "0" });
        await _host.Grains.GetGrain<ITrialGrain>(runId).Start(spec);
        return (_host.Grains.GetGrain<ITrialGrain>(runId), runId);
    }

    private async Task<TrialLease> LeaseAsync(string workerId)
    {
        var scheduler = _host.Grains.GetGrain<ISchedulerGrain>(0);
        while (true)
        {
            if (await scheduler.TryLease(new WorkerOffer(workerId, ["sleep"])) is { } lease)
            {
                return lease;
            }

            await Task.Delay(20);
        }
    }
}
