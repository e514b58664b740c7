using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;
using Platform.Silo.Store.Sqlite;
using Platform.Silo.Sweeps.Lifecycle;
using Platform.Testing;

namespace Platform.Bench.Scheduler;

/// <summary>
/// Issue 6: <c>sleep 0</c> trials through the real scheduler and trial grains on one silo (SQLite store), taken by simulated
/// in-process workers that lease, mark running and complete as fast as the grains answer. Prints submission and dispatch
/// throughput, the platform's time per trial as a worker sees it, and managed memory before and after.
/// </summary>
public sealed class SchedulerBenchmark(TextWriter output)
{
    public async Task RunAsync(int trials, int workers)
    {
        using var dir = new TempDirectory("platform-bench-scheduler");
        var store = new SqliteTrackingStore(Path.Combine(dir.Path, "platform.db"));
        await store.MigrateAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ITrackingStore>(store);
        builder.Services.AddSingleton(RetryPolicy.Default);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreeTcpPort.OnLoopback(), FreeTcpPort.OnLoopback()));
        using var host = builder.Build();
        await host.StartAsync();
        var uptime = Stopwatch.StartNew();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        // Warm up the grain types, the store and the JIT, so the figures are a long-running silo's. With 50 warm-up trials a fifth
        // of the timed dispatch's CPU was the tiered compiler's background thread: a method moves up a tier (tier 0, instrumented
        // tier 0, tier 1) only after 30 calls counted once 100 ms have passed without new tier-0 work, which a busy warm-up never
        // leaves. So rounds, each followed by a quiet wait for the compiler, until a round compiles next to nothing.
        var warmupRounds = 0;
        for (var compiled = long.MaxValue; compiled > SettledMethods && warmupRounds < MaxWarmupRounds; warmupRounds++)
        {
            var before = JitInfo.GetCompiledMethodCount();
            await SubmitAsync(grains, WarmupTrials, "warmup");
            await DispatchAsync(grains, WarmupTrials, workers);
            await JitSettledAsync();
            compiled = JitInfo.GetCompiledMethodCount() - before;
        }

        // The silo's periodic work (statistics, membership health checks, timers) compiles its code the first time it runs:
        // once a silo has been up a while. Without this wait the faster code's timed part met it (about 300 methods).
        if (uptime.Elapsed < MinimumUptime)
        {
            await Task.Delay(MinimumUptime - uptime.Elapsed);
            await JitSettledAsync();
        }

        var memoryBefore = ManagedMemoryMiB();

        var cpu = new CpuMeter(null);
        var cpuStart = cpu.Read().Process;
        var submit = Stopwatch.StartNew();
        await SubmitAsync(grains, trials, "bench");
        submit.Stop();
        var cpuSubmitted = cpu.Read().Process;
        await JitSettledAsync(); // what submission left to tier up is not dispatch's cost
        var (jitMethods, jitTime) = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
        var cpuBeforeDispatch = cpu.Read().Process;
        var dispatch = Stopwatch.StartNew();
        var perTrial = await DispatchAsync(grains, trials, workers);
        dispatch.Stop();
        var cpuDispatched = cpu.Read().Process;
        (jitMethods, jitTime) = (JitInfo.GetCompiledMethodCount() - jitMethods, JitInfo.GetCompilationTime() - jitTime);
        var memoryAfter = ManagedMemoryMiB();

        output.WriteLine($"scheduler: {trials:N0} sleep-0 trials, {workers} simulated workers, one silo, SQLite store");
        output.WriteLine($"  submit   (run + params + trial row + queue): {trials / submit.Elapsed.TotalSeconds,8:N0} trials/s ({submit.Elapsed.TotalMilliseconds * 1000 / trials:N0} µs per trial of wall time)");
        output.WriteLine($"  dispatch (lease + running + finished):       {trials / dispatch.Elapsed.TotalSeconds,8:N0} trials/s   (target >= 2,000)");
        output.WriteLine($"  a worker's wait per trial (lease→mark→complete): mean {perTrial.Average():N2} ms, p50 {Percentile(perTrial, 0.5):N2} ms, p99 {Percentile(perTrial, 0.99):N2} ms (target < 2 ms)");
        output.WriteLine($"  platform time per trial (dispatch wall / trials): {dispatch.Elapsed.TotalMilliseconds / trials:N3} ms");
        // CPU time of the whole process (silo, SQLite and the simulated workers): on a shared machine this is what the code costs.
        output.WriteLine($"  CPU per trial: submit {(cpuSubmitted - cpuStart) * 1e6 / trials:N0} µs, dispatch {(cpuDispatched - cpuBeforeDispatch) * 1e6 / trials:N0} µs (process total; load {CpuMeter.Load()})");
        output.WriteLine($"  JIT during dispatch: {jitMethods:N0} methods, {jitTime.TotalMilliseconds:N0} ms (after {warmupRounds} × {WarmupTrials:N0} warm-up trials)");
        output.WriteLine($"  managed memory after GC: {memoryBefore:N1} MiB before, {memoryAfter:N1} MiB after ({(memoryAfter - memoryBefore) * 1024 * 1024 / trials:N0} bytes per finished trial)");
        await host.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private const int MaxWarmupRounds = 12;
    private static readonly TimeSpan MinimumUptime = TimeSpan.FromSeconds(30);
    private const int WarmupTrials = 500;

    /// <summary>A warm-up round that compiles no more methods than this leaves the timed part a warm silo's.</summary>
    private const int SettledMethods = 20;

    /// <summary>Waits (up to 10 s) until no method has been compiled for half a second: the tier-1 recompilations are done.</summary>
    private static async Task JitSettledAsync()
    {
        var deadline = Stopwatch.StartNew();
        for (var count = JitInfo.GetCompiledMethodCount(); deadline.Elapsed < TimeSpan.FromSeconds(10);)
        {
            await Task.Delay(500);
            var now = JitInfo.GetCompiledMethodCount();
            if (now == count)
            {
                return;
            }

            count = now;
        }
    }

    private static async Task SubmitAsync(IGrainFactory grains, int count, string experiment)
    {
        // As POST runs does, 64 submissions in flight at a time.
        using var gate = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var runId = Guid.NewGuid().ToString("N");
                await grains.GetGrain<ITrialGrain>(runId).Start(new TrialSpec(runId, experiment, "sleep",
                    new Dictionary<string, string> { ["duration_ms"] = "0", ["steps"] = "1" }));
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>Runs until <paramref name="count"/> trials finished; returns each trial's lease-to-complete time in ms.</summary>
    private static async Task<double[]> DispatchAsync(IGrainFactory grains, int count, int workers)
    {
        var scheduler = grains.GetGrain<ISchedulerGrain>(0);
        var finished = 0;
        var times = new ConcurrentBag<double>();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var id = $"sim-{w}";
            var offer = new WorkerOffer(id, ["sleep"]);
            while (Volatile.Read(ref finished) < count)
            {
                var started = Stopwatch.GetTimestamp();
                if (await scheduler.TryLease(offer) is not { } lease)
                {
                    await Task.Delay(1);
                    continue;
                }

                var trial = grains.GetGrain<ITrialGrain>(lease.Trial.RunId);
                await trial.MarkRunning(id);
                await trial.Complete(id, new TrialOutcome(RunStatus.FINISHED));
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref finished);
            }
        })));
        return times.ToArray();
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }

    private static double ManagedMemoryMiB()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0;
    }
}
