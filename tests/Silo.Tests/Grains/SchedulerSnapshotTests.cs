using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Platform.Silo.Api;
using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Tests.Grains;

/// <summary>The scheduler's read method for the cluster view: workers as last seen, what they hold, and the queue in order.</summary>
public sealed class SchedulerSnapshotTests : IAsyncLifetime
{
    private static readonly WorkerCapacity TwoSlots = new("cpu-worker", 2, [new GpuDevice(0, 8_000)], ["sleep"]);

    private GrainTestHost _host = null!;

    private ISchedulerGrain Scheduler => _host.Grains.GetGrain<ISchedulerGrain>(0);

    public async Task InitializeAsync() => _host = await GrainTestHost.StartAsync(RetryPolicy.Default);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Shows_each_worker_with_its_leased_trials_and_the_rest_of_the_queue_in_order()
    {
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await StartAsync($"t{i}", i == 1 ? new ResourceNeeds(1, 0.5, 2_000) : null));
        }

        var first = await Scheduler.TryLease(new WorkerOffer(TwoSlots.WorkerId, TwoSlots.Assignments, TwoSlots));
        var second = await Scheduler.TryLease(new WorkerOffer(TwoSlots.WorkerId, TwoSlots.Assignments, TwoSlots));
        var third = await Scheduler.TryLease(new WorkerOffer("plain-worker", ["sleep"]));
        Assert.Equal([ids[0], ids[1], ids[2]], new[] { first, second, third }.Select(l => l!.Trial.RunId));

        var view = ClusterViews.From(await Scheduler.GetSnapshot());

        Assert.Equal(["cpu-worker", "plain-worker"], view.Workers.Select(w => w.WorkerId));
        var gpu = view.Workers[0];
        Assert.True(gpu.AdvertisesCapacity);
        Assert.Equal(2, gpu.CpuSlots);
        Assert.Equal(8_000, Assert.Single(gpu.Gpus).MemoryMiB);
        Assert.Equal(["t0", "t1"], gpu.Trials.Select(t => t.RunName));
        Assert.Equal("0 (0.5, 2000 MiB)", gpu.Trials[1].Gpus);
        Assert.True(gpu.Alive);
        var plain = view.Workers[1];
        Assert.False(plain.AdvertisesCapacity);
        Assert.Equal(1, plain.CpuSlots);
        Assert.Equal(["t2"], plain.Trials.Select(t => t.RunName));
        var queued = Assert.Single(view.Queue);
        Assert.Equal((1, ids[3]), (queued.Position, queued.RunId));
    }

    [Fact]
    public async Task A_heartbeat_refreshes_the_worker_and_an_ended_trial_leaves_it()
    {
        var runId = await StartAsync("t0");
        var lease = await Scheduler.TryLease(new WorkerOffer("w1", ["sleep"]));
        var trial = _host.Grains.GetGrain<ITrialGrain>(lease!.Trial.RunId);
        await trial.MarkRunning("w1");
        var leasedAt = (await Scheduler.GetSnapshot()).Workers.Single().LastSeen;

        await Task.Delay(50);
        Assert.False((await trial.Heartbeat("w1")).Stop);

        // The trial grain relays the heartbeat one-way: wait until the scheduler has it.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while ((await Scheduler.GetSnapshot()).Workers.Single().LastSeen <= leasedAt && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var snapshot = await Scheduler.GetSnapshot();
        Assert.True(snapshot.Workers.Single().LastSeen > leasedAt);
        Assert.Equal(runId, Assert.Single(snapshot.Workers.Single().Trials).Trial.RunId);

        await trial.Complete("w1", new TrialOutcome(RunStatus.FINISHED));

        Assert.Empty((await Scheduler.GetSnapshot()).Workers.Single().Trials);
    }

    private async Task<string> StartAsync(string name, ResourceNeeds? needs = null)
    {
        var runId = Guid.NewGuid().ToString("N");
        await _host.Grains.GetGrain<ITrialGrain>(runId)
            .Start(new TrialSpec(runId, "snapshot", "sleep", new Dictionary<string, string>(), RunName: name, Needs: needs));
        return runId;
    }
}
