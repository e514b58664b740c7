using System.Diagnostics;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Contracts.Tracking;
using Platform.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Cluster.Tests;

/// <summary>
/// The cluster's benchmark (by hand: <c>dotnet test tests/Cluster.Tests -c Release --filter Category=Benchmark</c>; results in
/// bench/RESULTS.md, "Cluster (issue 8)"): scheduler throughput and per-trial overhead of <c>sleep</c> trials of zero length
/// with 1, 2 and 3 silos and two workers, and the time from a killed worker to its trial running again on the other one.
/// Trials run in their own processes, as in production, so the overhead includes starting a <c>platform trial-host</c>.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class ClusterBenchmark(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Trials = 40;
    private const int Workers = 2;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Scheduler_throughput_with_silos(int silos)
    {
        await using var cluster = await StartAsync($"bench_silos_{silos}", silos);
        var watch = Stopwatch.StartNew();
        var sweepId = (await cluster.Client.SubmitSweepAsync(ClusterSweeps.Sleep("bench", Trials, durationMs: 0, steps: 1))).SweepId!;
        var submitted = watch.Elapsed;
        var done = await cluster.WaitForSweepAsync(sweepId, s => s.State != "RUNNING", TimeSpan.FromMinutes(10));
        var total = watch.Elapsed;

        Assert.Equal(Trials, LoopbackCluster.Count(done, "finished"));
        Report($"silos={silos} workers={Workers} trials={Trials}: submit {submitted.TotalSeconds:F1} s, all finished {total.TotalSeconds:F1} s, " +
               $"{Trials / total.TotalSeconds:F2} trials/s, per-trial overhead {total.TotalMilliseconds * Workers / Trials:F0} ms per worker slot " +
               $"(load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
    }

    [Fact]
    public async Task Time_from_a_killed_worker_to_its_trial_running_elsewhere()
    {
        await using var cluster = await StartAsync("bench_worker_kill", 3);
        var runId = (await cluster.Client.SubmitSweepAsync(ClusterSweeps.Sleep("kill", 1, durationMs: 120_000, steps: 120))).RunIds[0];
        var holder = await WaitAsync(async () => (await cluster.Client.Tracking.GetRunAsync(runId)) is { Info.Status: RunStatus.RUNNING } run
            ? run.Data.Tag(PlatformTags.Worker)
            : null);
        var watch = Stopwatch.StartNew();
        cluster.Kill(holder);
        var other = await WaitAsync(async () => (await cluster.Client.Tracking.GetRunAsync(runId)) is { Info.Status: RunStatus.RUNNING } run
                                                 && run.Data.Tag(PlatformTags.Worker) is { } w && w != holder
            ? w
            : null);
        Report($"worker {holder} killed (kill -9) -> trial running on {other} after {watch.Elapsed.TotalSeconds:F1} s " +
               $"(load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
    }

    private async Task<LoopbackCluster> StartAsync(string database, int silos)
    {
        var cluster = new LoopbackCluster(await postgres.CreateDatabaseAsync(database));
        await cluster.MigrateAsync();
        for (var i = 1; i <= silos; i++)
            await cluster.StartSiloAsync($"silo-{i}");
        for (var i = 1; i <= Workers; i++)
            cluster.StartWorker($"worker-{i}");
        await ClusterSweeps.WaitForWorkersAsync(cluster, Enumerable.Range(1, Workers).Select(i => $"worker-{i}").ToArray());
        return cluster;
    }

    private static async Task<string> WaitAsync(Func<Task<string?>> probe)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
                return value;
            await Task.Delay(100);
        }

        throw new TimeoutException("the benchmark's condition did not hold within 3 minutes");
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        File.AppendAllLines(Path.Combine(Path.GetTempPath(), "platform-cluster-bench.txt"), [$"{DateTime.UtcNow:u} {line}"]);
    }
}
