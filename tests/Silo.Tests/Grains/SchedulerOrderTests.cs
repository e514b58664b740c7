using Platform.Contracts.Grains;
using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Tests.Grains;

/// <summary>The queue's order through the real scheduler and trial grains.</summary>
public sealed class SchedulerOrderTests : IAsyncLifetime
{
    private GrainTestHost _host = null!;

    public async Task InitializeAsync() => _host = await GrainTestHost.StartAsync(RetryPolicy.Default);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_sweeps_trials_are_leased_in_suggestion_order_whatever_order_they_arrive_in()
    {
        // Two sweeps' trials arriving out of order (as concurrent starts can), and a run outside any sweep.
        (string Sweep, int Index)[] arrivals = [("a", 0), ("a", 3), ("a", 1), ("b", 1), ("b", 0), ("a", 2), ("", 0), ("a", 5), ("a", 4)];
        var names = new Dictionary<string, string>();
        foreach (var (sweep, index) in arrivals)
        {
            var runId = Guid.NewGuid().ToString("N");
            names[runId] = $"{sweep}{index}";
            await _host.Grains.GetGrain<ITrialGrain>(runId).Start(new TrialSpec(runId, "order", "sleep",
                new Dictionary<string, string> { ["duration_ms"] = "0" }, sweep == "" ? null : sweep, Index: index));
        }

        var leased = new List<string>();
        var scheduler = _host.Grains.GetGrain<ISchedulerGrain>(0);
        while (await scheduler.TryLease(new WorkerOffer("w", ["sleep"])) is { } lease)
        {
            leased.Add(names[lease.Trial.RunId]);
        }

        // Only trials at the end of the queue move: "a3" had been followed by "a1" directly, "b1" by "b0"; "a2" came after
        // b's trials, so it stays behind them; "a5" then "a4" swap again.
        Assert.Equal(["a0", "a1", "a3", "b0", "b1", "a2", "0", "a4", "a5"], leased);
    }

    [Fact]
    public async Task Created_trials_wait_for_Queue_so_a_sweep_queues_its_batch_in_suggestion_order()
    {
        // A sweep creates a batch concurrently (here the last first), then queues it in order: an idle worker asking
        // in between gets nothing rather than a later suggestion.
        var runIds = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        var scheduler = _host.Grains.GetGrain<ISchedulerGrain>(0);
        var offer = new WorkerOffer("w", ["sleep"]);
        // Activated first, as a cluster's is by its workers' polling: an activation recovers every unfinished trial in the
        // store, and would queue these ones itself if it came after they were created.
        Assert.Null(await scheduler.TryLease(offer));
        await Task.WhenAll(runIds.Select((runId, index) => (runId, index)).Reverse().Select(t =>
            _host.Grains.GetGrain<ITrialGrain>(t.runId).Create(new TrialSpec(t.runId, "order", "sleep",
                new Dictionary<string, string> { ["duration_ms"] = "0" }, "s", Index: t.index))));

        Assert.Null(await scheduler.TryLease(offer));
        Assert.Equal(Platform.Contracts.Tracking.RunStatus.SCHEDULED, await _host.Grains.GetGrain<ITrialGrain>(runIds[2]).GetStatus());

        foreach (var runId in runIds)
        {
            await _host.Grains.GetGrain<ITrialGrain>(runId).Queue();
        }

        var leased = new List<string>();
        while (await scheduler.TryLease(offer) is { } lease)
        {
            leased.Add(lease.Trial.RunId);
        }

        Assert.Equal(runIds, leased);
        await _host.Grains.GetGrain<ITrialGrain>(runIds[0]).Queue(); // leased now: queuing it again does nothing
        Assert.Null(await scheduler.TryLease(offer));
    }

    [Fact]
    public async Task A_late_enqueue_of_a_trial_already_leased_does_not_lease_it_again()
    {
        // An Enqueue sent while the trial was queued (by its recovery, say) can arrive after a worker leased it.
        var runId = Guid.NewGuid().ToString("N");
        var spec = new TrialSpec(runId, "order", "sleep", new Dictionary<string, string> { ["duration_ms"] = "0" });
        var experimentId = await _host.Grains.GetGrain<ITrialGrain>(runId).Start(spec);
        var scheduler = _host.Grains.GetGrain<ISchedulerGrain>(0);
        var offer = new WorkerOffer("w", ["sleep"]);
        Assert.Equal(runId, (await scheduler.TryLease(offer))!.Trial.RunId);

        await scheduler.Enqueue(spec, experimentId);

        Assert.Null(await scheduler.TryLease(offer)); // the same worker runs it already
        Assert.Null(await scheduler.TryLease(new WorkerOffer("other", ["sleep"])));
        Assert.Equal(0, await scheduler.QueueLength());
    }
}
