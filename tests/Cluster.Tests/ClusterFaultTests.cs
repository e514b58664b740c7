using System.Diagnostics;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Silo.Tests.Infrastructure;

namespace Platform.Cluster.Tests;

/// <summary>
/// Fault injection on a real loopback cluster (separate silo and worker processes, PostgreSQL membership and store): a sweep of
/// short <c>sleep</c> trials must end with every trial finished exactly once and each run's metric history exactly one
/// undisturbed attempt's (<see cref="Steps"/> points, steps 1..Steps), whatever is killed or restarted meanwhile.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ClusterFaultTests(PostgresServer postgres)
{
    private const int Steps = 4;
    private static readonly TimeSpan SweepTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Killing_the_api_silo_then_a_worker_mid_sweep_loses_no_trial_and_no_metric_point()
    {
        await using var cluster = new LoopbackCluster(await postgres.CreateDatabaseAsync("cluster_kill"));
        await cluster.MigrateAsync();
        await cluster.StartSiloAsync("silo-1");
        await Task.WhenAll(cluster.StartSiloAsync("silo-2"), cluster.StartSiloAsync("silo-3"));
        cluster.StartWorker("worker-1");
        cluster.StartWorker("worker-2");
        await ClusterSweeps.WaitForWorkersAsync(cluster, "worker-1", "worker-2");

        var sweepId = (await cluster.Client.SubmitSweepAsync(ClusterSweeps.Sleep("kill", 50, durationMs: 400, steps: Steps))).SweepId!;
        await cluster.WaitForSweepAsync(sweepId, s => LoopbackCluster.Count(s, "finished") >= 8, SweepTimeout);
        cluster.Kill("silo-1"); // the API the workers (and this test) talk to first: they move to silo-2's, and its grains move
        await cluster.WaitForSweepAsync(sweepId, s => LoopbackCluster.Count(s, "finished") >= 20, SweepTimeout);
        var lost = await TrialsOfAsync(cluster, "worker-2");
        Assert.NotEmpty(lost); // killed mid-trial
        cluster.Kill("worker-2"); // with its trial process: the machine is gone
        // The cluster view can list a trial that finished in the moment before the kill; only the others were lost with it.
        var unfinished = new List<string>();
        foreach (var runId in lost)
        {
            if ((await cluster.Client.Tracking.GetRunAsync(runId)).Info.Status != RunStatus.FINISHED)
            {
                unfinished.Add(runId);
            }
        }

        var done = await cluster.WaitForSweepAsync(sweepId, s => s.State != "RUNNING", SweepTimeout);

        await AssertEveryTrialFinishedOnceAsync(cluster, done, 50);
        foreach (var runId in unfinished)
        {
            var run = await cluster.Client.Tracking.GetRunAsync(runId);
            Assert.Equal("worker-1", run.Data.Tag(PlatformTags.Worker)); // it ran again on the surviving worker
        }
    }

    [Fact]
    public async Task A_database_restart_mid_sweep_is_survived_and_work_resumes_within_30_seconds()
    {
        await using var cluster = new LoopbackCluster(await postgres.CreateDatabaseAsync("cluster_pg_restart"));
        await cluster.MigrateAsync();
        await cluster.StartSiloAsync("silo-1");
        await cluster.StartSiloAsync("silo-2");
        cluster.StartWorker("worker-1");
        cluster.StartWorker("worker-2");
        await ClusterSweeps.WaitForWorkersAsync(cluster, "worker-1", "worker-2");

        var sweepId = (await cluster.Client.SubmitSweepAsync(ClusterSweeps.Sleep("pg", 20, durationMs: 400, steps: Steps))).SweepId!;
        var before = await cluster.WaitForSweepAsync(sweepId, s => LoopbackCluster.Count(s, "finished") >= 5, SweepTimeout);
        await postgres.RestartAsync(TimeSpan.FromSeconds(2));
        var back = Stopwatch.StartNew();
        var finishedAtRestart = LoopbackCluster.Count(await cluster.WaitForSweepAsync(sweepId, _ => true, SweepTimeout), "finished");
        await cluster.WaitForSweepAsync(sweepId, s => LoopbackCluster.Count(s, "finished") >= finishedAtRestart + 2 || s.State != "RUNNING", SweepTimeout);
        var recovery = back.Elapsed;
        var done = await cluster.WaitForSweepAsync(sweepId, s => s.State != "RUNNING", SweepTimeout);

        Assert.True(recovery < TimeSpan.FromSeconds(30),
            $"two more trials finished {recovery.TotalSeconds:F1} s after the database came back (at {LoopbackCluster.Describe(before)})");
        await AssertEveryTrialFinishedOnceAsync(cluster, done, 20);
    }

    [Fact]
    public async Task A_silo_and_a_worker_added_while_a_sweep_runs_take_new_trials()
    {
        await using var cluster = new LoopbackCluster(await postgres.CreateDatabaseAsync("cluster_scale_out"));
        await cluster.MigrateAsync();
        await cluster.StartSiloAsync("silo-1");
        cluster.StartWorker("worker-1");
        await ClusterSweeps.WaitForWorkersAsync(cluster, "worker-1");

        var sweepId = (await cluster.Client.SubmitSweepAsync(ClusterSweeps.Sleep("scale", 30, durationMs: 400, steps: Steps))).SweepId!;
        await cluster.WaitForSweepAsync(sweepId, s => LoopbackCluster.Count(s, "finished") >= 3, SweepTimeout);
        await cluster.StartSiloAsync("silo-2");
        cluster.StartWorker("worker-2"); // finds the gateways (both silos) in the membership table
        var done = await cluster.WaitForSweepAsync(sweepId, s => s.State != "RUNNING", SweepTimeout);

        await AssertEveryTrialFinishedOnceAsync(cluster, done, 30);
        var byWorker = new Dictionary<string, int>();
        foreach (var runId in done.RunIds)
        {
            var worker = (await cluster.Client.Tracking.GetRunAsync(runId)).Data.Tag(PlatformTags.Worker)!;
            byWorker[worker] = byWorker.GetValueOrDefault(worker) + 1;
        }

        Assert.True(byWorker.GetValueOrDefault("worker-2") > 0, $"the added worker ran nothing: {string.Join(", ", byWorker)}");
    }

    [Fact]
    public async Task A_worker_asked_to_stop_drains_and_hands_its_trial_back_to_another()
    {
        await using var cluster = new LoopbackCluster(await postgres.CreateDatabaseAsync("cluster_drain"));
        await cluster.MigrateAsync();
        await cluster.StartSiloAsync("silo-1");
        cluster.StartWorker("worker-1", drainGrace: TimeSpan.FromSeconds(2));
        await ClusterSweeps.WaitForWorkersAsync(cluster, "worker-1");

        var sweepId = (await cluster.Client.SubmitSweepAsync(ClusterSweeps.Sleep("drain", 1, durationMs: 30_000, steps: Steps))).SweepId!;
        await cluster.WaitForSweepAsync(sweepId, s => LoopbackCluster.Count(s, "running") == 1, SweepTimeout);
        var stopped = await cluster.StopAsync("worker-1", TimeSpan.FromSeconds(30)); // SIGTERM: grace 2 s, then hand back
        var handedBack = await cluster.WaitForSweepAsync(sweepId, s => LoopbackCluster.Count(s, "queued") == 1, TimeSpan.FromSeconds(30));
        cluster.StartWorker("worker-2");
        var done = await cluster.WaitForSweepAsync(sweepId, s => s.State != "RUNNING", SweepTimeout);

        Assert.InRange(stopped, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15));
        Assert.Equal("RUNNING", handedBack.State);
        await AssertEveryTrialFinishedOnceAsync(cluster, done, 1);
        Assert.Equal("worker-2", (await cluster.Client.Tracking.GetRunAsync(done.RunIds[0])).Data.Tag(PlatformTags.Worker));
    }

    /// <summary>Each trial ended FINISHED exactly once (the sweep's counts) and logged one attempt's points: steps 1..Steps, once each.</summary>
    private static async Task AssertEveryTrialFinishedOnceAsync(LoopbackCluster cluster, SweepView sweep, int trials)
    {
        Assert.True(sweep.State == "FINISHED", $"sweep ended {LoopbackCluster.Describe(sweep)}");
        if (sweep.Trials?.GetValueOrDefault("finished") != trials)
        {
            var errors = new List<string>();
            foreach (var runId in sweep.RunIds)
            {
                if ((await cluster.Client.Tracking.GetRunAsync(runId)).Data.Tag(PlatformTags.Error) is { } error)
                {
                    errors.Add($"{runId}: {error}");
                }
            }

            Assert.Fail($"trials by state {string.Join(", ", (sweep.Trials ?? new Dictionary<string, int>()).Select(t => $"{t.Key} {t.Value}"))}; errors: {string.Join(" | ", errors)}\n{cluster.AllOutput()}");
        }

        Assert.Equal(new Dictionary<string, int> { ["finished"] = trials }, sweep.Trials);
        Assert.Equal(trials, sweep.RunIds.Distinct().Count());
        foreach (var runId in sweep.RunIds)
        {
            var run = await cluster.Client.Tracking.GetRunAsync(runId);
            Assert.Equal(RunStatus.FINISHED, run.Info.Status);
            var history = await cluster.Client.Tracking.GetMetricHistoryAsync(runId, "loss");
            Assert.Equal(Enumerable.Range(1, Steps).Select(s => (long)s), history.Select(m => m.Step).Order());
        }
    }

    private static async Task<string[]> TrialsOfAsync(LoopbackCluster cluster, string workerId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var trials = (await cluster.Client.GetClusterAsync()).Workers.SingleOrDefault(w => w.WorkerId == workerId)?.Trials ?? [];
            if (trials.Count > 0 || DateTime.UtcNow > deadline)
                return trials.Select(t => t.RunId).ToArray();
            await Task.Delay(50);
        }
    }
}
