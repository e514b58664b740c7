using System.Diagnostics;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;
using Platform.Silo.Tests.Api;
using Platform.Silo.Tests.Infrastructure;
using Platform.Silo.Tests.Load;

namespace Platform.Bench;

/// <summary>The benchmarks; each prints one result line with its target beside it.</summary>
public sealed class TrackingBenchmarks(TextWriter output) : IAsyncDisposable
{
    private readonly Platform.Testing.TempDirectory _dir = new("platform-bench");
    private PostgresServer? _postgres;

    private async Task<StoreOptions> PostgresOptionsAsync(string database)
    {
        if (_postgres is null)
        {
            _postgres = new PostgresServer();
            await _postgres.InitializeAsync();
        }
        return new StoreOptions { Provider = "postgres", ConnectionString = await _postgres.CreateDatabaseAsync(database) };
    }

    private StoreOptions SqliteOptions(string name) => new() { Provider = "sqlite", SqlitePath = Path.Combine(_dir.Path, name + ".db") };

    public async Task IngestPostgresAsync(int perWriter) =>
        await IngestAsync("PostgreSQL", await PostgresOptionsAsync("bench_ingest"), perWriter, 200_000, new CpuMeter(_postgres!.DataDirectory));

    public Task IngestSqliteAsync(int perWriter) => IngestAsync("SQLite", SqliteOptions("ingest"), perWriter, 50_000, new CpuMeter(null));

    /// <summary>The store alone (no HTTP, no JSON): what the database path costs.</summary>
    public async Task IngestStorePostgresAsync(int perWriter)
    {
        await using var host = await TrackingApiHost.StartAsync(await PostgresOptionsAsync("bench_store"));
        var store = host.Store;
        var exp = await store.CreateExperimentAsync("store-" + Guid.NewGuid().ToString("N"));
        var runs = new List<string>();
        for (var w = 0; w < 8; w++)
            runs.Add((await store.CreateRunAsync(new NewRun(exp, null, null, 0, RunStatus.RUNNING, []))).RunId);
        var meter = new CpuMeter(_postgres!.DataDirectory);
        var cpu0 = meter.Read();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(runs.Select(run => Task.Run(async () =>
        {
            for (var b = 0; b < perWriter / IngestLoad.BatchSize; b++)
            {
                var batch = Enumerable.Range(0, IngestLoad.BatchSize).Select(i => (long)b * IngestLoad.BatchSize + i)
                    .Select(s => new Metric("loss", Math.Sin(s), s, s)).ToList();
                await store.LogBatchAsync(run, batch, [], []);
            }
        })));
        output.WriteLine($"store-only ingest PostgreSQL: 8 writers x {perWriter:N0} = {8.0 * perWriter / clock.Elapsed.TotalSeconds:N0} points/s; " +
                         CpuLine(meter, cpu0, 8L * perWriter));
    }

    private async Task IngestAsync(string name, StoreOptions options, int perWriter, int target, CpuMeter meter)
    {
        await using var host = await TrackingApiHost.StartAsync(options);
        // Warm-up on its own experiment: the timed part then runs steady-state (tier-1 JIT) code, as a long-running server does.
        await IngestLoad.RunAsync(host.Http, await host.Store.CreateExperimentAsync("warmup-" + Guid.NewGuid().ToString("N")),
            writers: 8, pointsPerWriter: 100_000, resendEvery: 10);
        var exp = await host.Store.CreateExperimentAsync("ingest-" + Guid.NewGuid().ToString("N"));
        var cpu0 = meter.Read();
        var result = await IngestLoad.RunAsync(host.Http, exp, writers: 8, pointsPerWriter: perWriter, resendEvery: 10);
        var cpu = CpuLine(meter, cpu0, result.PointsSent);
        long stored = 0;
        foreach (var run in result.RunIds)
            stored += (await host.Store.GetMetricSummariesAsync(run)).Sum(s => s.Count);
        output.WriteLine($"ingest {name} via HTTP log-batch: 8 writers x {perWriter:N0} points (+{result.BatchesResent} resent batches) in " +
                         $"{result.Elapsed.TotalSeconds:F1} s = {result.PointsPerSecond:N0} points/s (target {target:N0}); stored {stored:N0} " +
                         (stored == result.PointsSent ? "(exact)" : "(MISMATCH)") + $"; {cpu}");
    }

    /// <summary>CPU seconds since <paramref name="before"/> (this process: HTTP client, server and store; PostgreSQL) and what they imply.</summary>
    private static string CpuLine(CpuMeter meter, (double Process, double Postgres) before, long points)
    {
        var (process, postgres) = meter.Read();
        var total = process - before.Process + postgres - before.Postgres;
        return $"CPU {process - before.Process:F1} s process + {postgres - before.Postgres:F1} s PostgreSQL = {points / total:N0} points per CPU-second " +
               $"({2 * points / total:N0}/s if the 2 cores were ours); load {CpuMeter.Load()}";
    }

    /// <summary>get-history of a 100,000-point metric, downsampled to 1,000 points on the server (median of 20 requests).</summary>
    public async Task DownsampledHistoryAsync()
    {
        foreach (var (name, options) in new[] { ("PostgreSQL", await PostgresOptionsAsync("bench_history")), ("SQLite", SqliteOptions("history")) })
        {
            var meter = new CpuMeter(name == "SQLite" ? null : _postgres!.DataDirectory);
            await using var host = await TrackingApiHost.StartAsync(options);
            var exp = await host.Store.CreateExperimentAsync("history-" + Guid.NewGuid().ToString("N"));
            var run = (await host.Store.CreateRunAsync(new NewRun(exp, null, null, 0, RunStatus.RUNNING, []))).RunId;
            for (var b = 0; b < 100; b++)
                await host.Store.LogBatchAsync(run, Enumerable.Range(b * 1000, 1000).Select(s => new Metric("loss", Math.Sin(s / 500.0), s, s)).ToList(), [], []);
            var url = $"api/platform/v1/runs/{run}/metrics/loss?max_points=1000";
            var cached = await MedianMsAsync(20, () => host.Http.GetStringAsync(url));
            // Uncached: a point is logged after the last one before each request (outside the timing), as a live run does: the cached
            // result is stale and the server reads the new point and downsamples the whole series again.
            var step = 100_000L;
            var cpu0 = meter.Read();
            var uncached = await MedianMsAsync(20, () => host.Http.GetStringAsync(url),
                () => host.Store.LogBatchAsync(run, [new Metric("loss", 0, step, step++)], [], []));
            var cpu = meter.Read();
            // 21 requests (warm-up included) and 21 one-point batches; the batches are a small part.
            var cpuMs = (cpu.Process - cpu0.Process + cpu.Postgres - cpu0.Postgres) * 1000 / 21;
            // Rewritten: a point logged behind the latest one (a new timestamp at an old step) before each request, so the server must
            // read the whole series again (also what the first request for a series costs).
            var middle = 0L;
            var cpu1 = meter.Read();
            var full = await MedianMsAsync(20, () => host.Http.GetStringAsync(url),
                () => host.Store.LogBatchAsync(run, [new Metric("loss", 0, 200_000 + middle, 1_000 * ++middle)], [], []));
            var cpu2 = meter.Read();
            var fullCpuMs = (cpu2.Process - cpu1.Process + cpu2.Postgres - cpu1.Postgres) * 1000 / 21;
            output.WriteLine($"downsampled history {name}: 100,000 -> 1,000 points, median {cached:F1} ms cached, {uncached:F1} ms uncached " +
                             $"(target < 100 ms), {cpuMs:F0} CPU-ms per uncached request (process + database); a point behind the latest " +
                             $"(full read) {full:F1} ms, {fullCpuMs:F0} CPU-ms; load {CpuMeter.Load()}");
        }
    }

    /// <summary>runs/search over 10,000 runs with a metric filter and a metric order (median of 20 requests).</summary>
    public async Task SearchRunsAsync()
    {
        foreach (var (name, options) in new[] { ("PostgreSQL", await PostgresOptionsAsync("bench_search")), ("SQLite", SqliteOptions("search")) })
        {
            await using var host = await TrackingApiHost.StartAsync(options);
            var exp = await host.Store.CreateExperimentAsync("search-" + Guid.NewGuid().ToString("N"));
            var body = new { experiment_ids = new[] { exp }, filter = "metrics.acc > 0.5 and params.lr = '3'", order_by = new[] { "metrics.loss DESC" }, max_results = 100 };
            async Task<string> SearchAsync()
            {
                using var response = await host.Http.PostAsync("api/2.0/mlflow/runs/search",
                    new StringContent(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            }
            await SearchAsync(); // JIT and connection warm-up on the empty experiment, so the first search below times the database
            await Task.WhenAll(Enumerable.Range(0, 4).Select(part => Task.Run(async () =>
            {
                for (var i = part; i < 10_000; i += 4)
                {
                    var run = (await host.Store.CreateRunAsync(new NewRun(exp, null, null, i, RunStatus.FINISHED, []))).RunId;
                    await host.Store.LogBatchAsync(run, [new Metric("acc", (i % 1000) / 1000.0, 1, 0), new Metric("loss", i, 1, 0)],
                        [new Param("lr", (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture))], []);
                }
            })));
            // The first search right after the bulk seed is timed on its own: it is the one that finds the planner statistics
            // stale and refreshes them (the steady-state figure below would otherwise depend on whether autovacuum got there first).
            var meter = new CpuMeter(name == "SQLite" ? null : _postgres!.DataDirectory);
            var first = Stopwatch.StartNew();
            await SearchAsync();
            var firstMs = first.Elapsed.TotalMilliseconds;
            var cpu0 = meter.Read();
            var ms = await MedianMsAsync(20, SearchAsync);
            var cpu = meter.Read();
            var cpuMs = (cpu.Process - cpu0.Process + cpu.Postgres - cpu0.Postgres) * 1000 / 21;
            output.WriteLine($"runs/search {name}: 10,000 runs, metric filter + param filter + metric order, 100 results, median {ms:F1} ms " +
                             $"(target < 200 ms), {cpuMs:F0} CPU-ms per request (client, server and database); first search after the seed " +
                             $"{firstMs:F0} ms; load {CpuMeter.Load()}");
        }
    }

    private static async Task<double> MedianMsAsync(int repeats, Func<Task<string>> action, Func<Task>? before = null)
    {
        await action(); // warm-up (JIT, connection pool, caches)
        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            if (before is not null)
                await before();
            var clock = Stopwatch.StartNew();
            await action();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
            await _postgres.DisposeAsync();
        _dir.Dispose();
    }
}
