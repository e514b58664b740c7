using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Tests.Grains;

/// <summary>A simulated worker with two fake GPUs pulls placed leases from the real scheduler and trial grains.</summary>
public sealed class GpuPackingTests : IAsyncLifetime
{
    private static readonly WorkerCapacity TwoGpus = new("gpu-worker", 16,
        new[] { new GpuDevice(0, 16_000), new GpuDevice(1, 16_000) }, new[] { "sleep" });

    private GrainTestHost _host = null!;

    public async Task InitializeAsync() => _host = await GrainTestHost.StartAsync(RetryPolicy.Default);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Eight_quarter_gpu_trials_run_four_per_device_and_a_ninth_waits_for_a_free_quarter()
    {
        for (var i = 0; i < 9; i++)
        {
            await StartAsync(new ResourceNeeds(CpuSlots: 1, Gpus: 0.25, GpuMemoryMiB: 1_000));
        }

        var leases = await LeaseAllAsync();

        Assert.Equal(8, leases.Count);
        var perDevice = leases.GroupBy(l => Assert.Single(l.Grant!.Gpus).DeviceIndex).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<int, int> { [0] = 4, [1] = 4 }, perDevice);
        Assert.All(leases, l => Assert.Equal(0.25, l.Grant!.Gpus[0].Fraction));

        var done = leases.First(l => l.Grant!.Gpus[0].DeviceIndex == 1);
        var trial = _host.Grains.GetGrain<ITrialGrain>(done.Trial.RunId);
        await trial.MarkRunning(TwoGpus.WorkerId);
        await trial.Complete(TwoGpus.WorkerId, new TrialOutcome(RunStatus.FINISHED));

        var ninth = Assert.Single(await LeaseAllAsync());
        Assert.Equal(1, ninth.Grant!.Gpus[0].DeviceIndex);
    }

    [Fact]
    public async Task Whole_gpu_trials_spread_over_idle_devices_and_never_share()
    {
        for (var i = 0; i < 3; i++)
        {
            await StartAsync(new ResourceNeeds(CpuSlots: 1, Gpus: 1, GpuMemoryMiB: 8_000));
        }

        var leases = await LeaseAllAsync();

        Assert.Equal([0, 1], leases.Select(l => Assert.Single(l.Grant!.Gpus).DeviceIndex).Order());
    }

    [Fact]
    public async Task A_stale_queue_entry_of_a_running_trial_neither_leases_it_again_nor_frees_its_gpu()
    {
        var spec = await StartAsync(new ResourceNeeds(CpuSlots: 1, Gpus: 1, GpuMemoryMiB: 8_000));
        var running = Assert.Single(await LeaseAllAsync());
        var scheduler = _host.Grains.GetGrain<ISchedulerGrain>(0);
        var experimentId = running.ExperimentId;

        await scheduler.Enqueue(spec, experimentId); // an Enqueue sent while it was queued, arriving after its lease
        Assert.Empty(await LeaseAllAsync());
        await StartAsync(new ResourceNeeds(CpuSlots: 1, Gpus: 1, GpuMemoryMiB: 8_000));
        await StartAsync(new ResourceNeeds(CpuSlots: 1, Gpus: 1, GpuMemoryMiB: 8_000));

        // Only the other device is free: one of the two new trials is placed, on it.
        var placed = Assert.Single(await LeaseAllAsync());
        Assert.NotEqual(Assert.Single(running.Grant!.Gpus).DeviceIndex, Assert.Single(placed.Grant!.Gpus).DeviceIndex);
    }

    private async Task<TrialSpec> StartAsync(ResourceNeeds needs)
    {
        var runId = Guid.NewGuid().ToString("N");
        var spec = new TrialSpec(runId, "packing", "sleep", new Dictionary<string, string>(), Needs: needs);
        await _host.Grains.GetGrain<ITrialGrain>(runId).Start(spec);
        return spec;
    }

    /// <summary>Asks for work until the scheduler has nothing more that fits, as a worker fills its free capacity.</summary>
    private async Task<List<TrialLease>> LeaseAllAsync()
    {
        var scheduler = _host.Grains.GetGrain<ISchedulerGrain>(0);
        var leases = new List<TrialLease>();
        while (await scheduler.TryLease(new WorkerOffer(TwoGpus.WorkerId, TwoGpus.Assignments, TwoGpus)) is { } lease)
        {
            leases.Add(lease);
        }

        return leases;
    }
}
