using Platform.Contracts.Grains;
using Platform.Silo.Sweeps.Placement;

namespace Platform.Silo.Tests.Sweeps;

public sealed class PlacementPlannerTests
{
    private const string Job = "c1w3-planar-data";

    [Fact]
    public void EightQuarterGpuTrialsRunFourPerDeviceOnTwoGpus()
    {
        var worker = GpuWorker("w", gpus: 2, cpu: 16);
        var queue = Enumerable.Range(0, 10).Select(i => Trial($"t{i}", "s", i, new ResourceNeeds(1, 0.25, 1000))).ToArray();

        var placements = PlacementPlanner.Plan([worker], [], queue);

        Assert.Equal(8, placements.Count);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"t{i}"), placements.Select(p => p.Trial.TrialId));
        var perDevice = placements.GroupBy(p => p.Grant.Gpus.Single().DeviceIndex).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, perDevice[0]);
        Assert.Equal(4, perDevice[1]);
    }

    [Fact]
    public void FractionsPackOntoTheMostLoadedDevice()
    {
        var worker = GpuWorker("w", gpus: 2, cpu: 16);
        var running = new RunningTrial("old", "s", new ResourceGrant("w", 1, [new GpuShare(1, 0.5, 1000)]));

        var placements = PlacementPlanner.Plan([worker], [running], [Trial("new", "s", 0, new ResourceNeeds(1, 0.25, 0))]);

        Assert.Equal(1, Assert.Single(placements).Grant.Gpus.Single().DeviceIndex);
    }

    [Fact]
    public void GpuMemoryLimitsPackingBeforeFractionsDo()
    {
        var worker = GpuWorker("w", gpus: 1, cpu: 16, memoryMiB: 10_000);
        var queue = Enumerable.Range(0, 4).Select(i => Trial($"t{i}", "s", i, new ResourceNeeds(1, 0.25, 4000))).ToArray();

        Assert.Equal(2, PlacementPlanner.Plan([worker], [], queue).Count);
    }

    [Fact]
    public void WholeGpuTrialsSpreadAcrossWorkers()
    {
        var workers = new[] { GpuWorker("a", gpus: 2, cpu: 8), GpuWorker("b", gpus: 2, cpu: 8) };
        var queue = Enumerable.Range(0, 3).Select(i => Trial($"t{i}", "s", i, new ResourceNeeds(1, 1, 0))).ToArray();

        var placements = PlacementPlanner.Plan(workers, [], queue);

        Assert.Equal(["a", "b", "a"], placements.Select(p => p.Grant.WorkerId));
        Assert.All(placements, p => Assert.Equal(1.0, p.Grant.Gpus.Single().Fraction));
    }

    [Fact]
    public void WholeGpuTrialsNeverShareADeviceWithFractions()
    {
        var worker = GpuWorker("w", gpus: 2, cpu: 8);
        var queue = new[]
        {
            Trial("small", "s", 0, new ResourceNeeds(1, 0.1, 0)),
            Trial("two", "s", 1, new ResourceNeeds(1, 2, 0)),
            Trial("one", "s", 2, new ResourceNeeds(1, 1, 0)),
        };

        var placements = PlacementPlanner.Plan([worker], [], queue);

        Assert.Equal(["small", "one"], placements.Select(p => p.Trial.TrialId));
        Assert.NotEqual(placements[0].Grant.Gpus[0].DeviceIndex, placements[1].Grant.Gpus[0].DeviceIndex);
    }

    [Fact]
    public void CpuSlotsAreNeverOverCommitted()
    {
        var worker = new WorkerCapacity("w", 3, [], [Job]);
        var queue = new[] { Trial("a", "s", 0, new ResourceNeeds(2)), Trial("b", "s", 1, new ResourceNeeds(2)), Trial("c", "s", 2, new ResourceNeeds(1)) };

        // b does not fit, c behind it still does (backfilling).
        Assert.Equal(["a", "c"], PlacementPlanner.Plan([worker], [], queue).Select(p => p.Trial.TrialId));
    }

    [Fact]
    public void ATrialAskingMoreCpuSlotsThanAWorkerHasTakesAllOfThemThereInsteadOfWaitingForever()
    {
        var small = GpuWorker("small", gpus: 1, cpu: 1);
        var queue = new[] { Trial("heavy", "s", 0, new ResourceNeeds(CpuSlots: 2)), Trial("next", "s", 1, ResourceNeeds.CpuOnly) };

        var first = PlacementPlanner.Plan([small], [], queue);
        var whileHeavyRuns = PlacementPlanner.Plan([small], [new RunningTrial("heavy", "s", first.Single().Grant)], queue[1..]);

        Assert.Equal(("heavy", 1), (first.Single().Trial.TrialId, first.Single().Grant.CpuSlots));
        Assert.Empty(whileHeavyRuns);
    }

    [Fact]
    public void CpuTrialsPreferWorkersWithoutGpus()
    {
        var workers = new[] { GpuWorker("gpu", gpus: 1, cpu: 32), new WorkerCapacity("cpu", 2, [], [Job]) };
        var queue = Enumerable.Range(0, 3).Select(i => Trial($"t{i}", "s", i, ResourceNeeds.CpuOnly)).ToArray();

        Assert.Equal(["cpu", "cpu", "gpu"], PlacementPlanner.Plan(workers, [], queue).Select(p => p.Grant.WorkerId));
    }

    [Fact]
    public void WorkersOnlyGetAssignmentsTheyAdvertise()
    {
        var workers = new[] { new WorkerCapacity("other", 8, [], ["something-else"]), new WorkerCapacity("right", 1, [], [Job]) };
        var queue = new[] { Trial("a", "s", 0, ResourceNeeds.CpuOnly), Trial("b", "s", 1, ResourceNeeds.CpuOnly) };

        var placement = Assert.Single(PlacementPlanner.Plan(workers, [], queue));

        Assert.Equal("right", placement.Grant.WorkerId);
    }

    [Fact]
    public void HigherPriorityGoesFirst()
    {
        var worker = new WorkerCapacity("w", 1, [], [Job]);
        var queue = new[] { Trial("low", "s", 0, ResourceNeeds.CpuOnly), Trial("high", "t", 1, ResourceNeeds.CpuOnly, priority: 5) };

        Assert.Equal("high", Assert.Single(PlacementPlanner.Plan([worker], [], queue)).Trial.TrialId);
    }

    [Fact]
    public void SweepsOfEqualPriorityTakeTurns()
    {
        var worker = new WorkerCapacity("w", 4, [], [Job]);
        var queue = Enumerable.Range(0, 6).Select(i => Trial($"a{i}", "A", i, ResourceNeeds.CpuOnly))
            .Concat(Enumerable.Range(0, 6).Select(i => Trial($"b{i}", "B", 100 + i, ResourceNeeds.CpuOnly)))
            .ToArray();

        Assert.Equal(["a0", "b0", "a1", "b1"], PlacementPlanner.Plan([worker], [], queue).Select(p => p.Trial.TrialId));
    }

    [Fact]
    public void ASweepHoldingMoreWaitsForTheOthers()
    {
        var worker = new WorkerCapacity("w", 5, [], [Job]);
        var running = Enumerable.Range(0, 2).Select(i => new RunningTrial($"r{i}", "A", new ResourceGrant("w", 1, []))).ToArray();
        var queue = new[] { Trial("a0", "A", 0, ResourceNeeds.CpuOnly), Trial("b0", "B", 1, ResourceNeeds.CpuOnly), Trial("b1", "B", 2, ResourceNeeds.CpuOnly) };

        Assert.Equal(["b0", "b1", "a0"], PlacementPlanner.Plan([worker], running, queue).Select(p => p.Trial.TrialId));
    }

    [Fact]
    public void InvalidNeedsAreNeverPlaced()
    {
        Assert.NotNull(ResourceNeedsRules.Check(new ResourceNeeds(1, 1.5, 0)));
        Assert.NotNull(ResourceNeedsRules.Check(new ResourceNeeds(-1)));
        Assert.Null(ResourceNeedsRules.Check(new ResourceNeeds(1, 0.25, 100)));
        Assert.Empty(PlacementPlanner.Plan([GpuWorker("w", 4, 8)], [], [Trial("t", "s", 0, new ResourceNeeds(1, 1.5, 0))]));
    }

    [Fact]
    public void RandomizedPlansNeverOverCommit()
    {
        var random = new Random(2024);
        for (var round = 0; round < 100; round++)
        {
            var workers = Enumerable.Range(0, random.Next(1, 6)).Select(w => new WorkerCapacity(
                $"w{w}", random.Next(0, 12),
                Enumerable.Range(0, random.Next(0, 5)).Select(g => new GpuDevice(g, random.Next(1, 5) * 8000L)).ToArray(),
                random.Next(4) == 0 ? ["other"] : [Job])).ToArray();
            var running = new List<RunningTrial>();
            for (var wave = 0; wave < 3; wave++)
            {
                var queue = Enumerable.Range(0, random.Next(0, 40)).Select(i => Trial(
                    $"t{round}-{wave}-{i}", $"s{random.Next(3)}", i, RandomNeeds(random), random.Next(2))).ToArray();
                var placements = PlacementPlanner.Plan(workers, running, queue);
                running.AddRange(placements.Select(p => new RunningTrial(p.Trial.TrialId, p.Trial.SweepId, p.Grant)));
                AssertWithinCapacity(workers, running, queue);
                // Some trials end between waves.
                running.RemoveAll(_ => random.Next(3) == 0);
            }
        }
    }

    private static ResourceNeeds RandomNeeds(Random random) => random.Next(4) switch
    {
        0 => new ResourceNeeds(random.Next(0, 3)),
        1 => new ResourceNeeds(1, random.Next(1, 3)),
        _ => new ResourceNeeds(random.Next(0, 2), new[] { 0.1, 0.25, 0.3, 0.5, 0.75 }[random.Next(5)], random.Next(0, 3) * 3000L),
    };

    private static void AssertWithinCapacity(IReadOnlyList<WorkerCapacity> workers, IReadOnlyList<RunningTrial> running, IReadOnlyList<PendingTrial> queue)
    {
        foreach (var worker in workers)
        {
            var grants = running.Where(r => r.Grant.WorkerId == worker.WorkerId).Select(r => r.Grant).ToArray();
            Assert.True(grants.Sum(g => g.CpuSlots) <= worker.CpuSlots);
            foreach (var device in worker.Gpus)
            {
                var shares = grants.SelectMany(g => g.Gpus).Where(s => s.DeviceIndex == device.Index).ToArray();
                Assert.True(shares.Sum(s => s.Fraction) <= 1 + ResourceNeedsRules.Epsilon, $"device {device.Index} of {worker.WorkerId} over-committed");
                Assert.True(shares.Sum(s => s.MemoryMiB) <= device.MemoryMiB);
                Assert.True(shares.Length == 1 || shares.All(s => s.Fraction < 1), "a whole device is shared");
            }
        }

        var queued = queue.ToDictionary(q => q.TrialId);
        foreach (var (trial, grant) in running.Where(r => queued.ContainsKey(r.TrialId)).Select(r => (queued[r.TrialId], r.Grant)))
        {
            Assert.Contains(trial.Assignment, workers.Single(w => w.WorkerId == grant.WorkerId).Assignments);
            Assert.Equal(trial.Needs.Gpus == 0 ? 0 : Math.Max(1, (int)trial.Needs.Gpus), grant.Gpus.Count);
        }
    }

    private static WorkerCapacity GpuWorker(string id, int gpus, int cpu, long memoryMiB = 24_000) =>
        new(id, cpu, Enumerable.Range(0, gpus).Select(i => new GpuDevice(i, memoryMiB)).ToArray(), [Job]);

    private static PendingTrial Trial(string id, string sweep, long sequence, ResourceNeeds needs, int priority = 0) =>
        new(id, sweep, Job, priority, sequence, needs);
}
