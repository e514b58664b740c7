using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using Platform.Bench.Models;
using Platform.Workers.Agent.Isolation;
using Platform.Workers.Data;
using Platform.Workers.Numerics;

namespace Platform.Bench.CoursesOneTwo;

/// <summary>
/// Issue 3's benchmark: each Course 1-2 main run (<see cref="MainRun.All"/>) in its own process, float64 and float32, and
/// right after it the numpy reference of ../shared/bench for the same run, also in its own process, so that each process's
/// peak resident set (VmHWM, ru_maxrss) is that run's. Both sides run single-threaded (libtorch PLATFORM_TORCH_THREADS=1,
/// OPENBLAS_NUM_THREADS=1) and report CPU seconds: on the shared build machine wall time says little. Ours runs twice in
/// its process; the first, in a fresh process, includes the JIT, and is the one compared.
/// </summary>
public sealed class MainRunBenchmarks(TextWriter output)
{
    private const string ResultMarker = "RESULT";

    /// <summary>All main runs, or those whose key (c1w2, c1w3, c1w4-two, c1w4-l, c2w1-init, c2w1-reg, c2w2-adam) is in <paramref name="only"/>.</summary>
    public void Run(string dataDirectory, string numpyDirectory, IReadOnlyCollection<string> only)
    {
        var data = Path.GetFullPath(dataDirectory);
        var numpy = Path.GetFullPath(numpyDirectory);
        output.WriteLine($"load average before: {LoadAverage()}; processors: {Environment.ProcessorCount}");
        output.WriteLine("| main run | dtype | ours CPU s (fresh process) | JIT s (fresh; wall, all threads) | ours CPU s (2nd run) | ours wall s | ours peak RSS MiB | numpy CPU s | numpy wall s | numpy peak RSS MiB | ours / numpy (CPU) |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var run in MainRun.All.Where(r => only.Count == 0 || only.Contains(r.Key)))
        {
            var float64 = RunOurs(run, Dtype.Float64, data);
            var reference = RunNumpy(run, numpy, data);
            Row(run, "float64", float64, reference);
            Row(run, "float32", RunOurs(run, Dtype.Float32, data), reference);
        }

        output.WriteLine($"load average after: {LoadAverage()}");
    }

    /// <summary>
    /// The child side: loads one run's data, runs it twice, prints the timings, the first run's JIT time (the runtime's
    /// own count: time spent compiling on all threads, wall clock, so a loaded machine inflates it; no tracing needed) and
    /// the process's peak RSS.
    /// </summary>
    public static void RunChild(string key, string dtype, string dataDirectory)
    {
        var run = MainRun.All.Single(r => r.Key == key);
        var action = run.Load(new DataDirectory(dataDirectory), Dtypes.Parse(dtype));
        var jit = JitInfo.GetCompilationTime();
        var first = Measure(action);
        jit = JitInfo.GetCompilationTime() - jit;
        var second = Measure(action);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ResultMarker} {first.Wall:F3} {first.Cpu:F3} {second.Cpu:F3} {ProcessMemory.PeakResidentBytes / 1024} {jit.TotalSeconds:F3}"));
    }

    private void Row(MainRun run, string dtype, double[] ours, double[] reference) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {run.Name} | {dtype} | {ours[1]:F2} | {ours[4]:F2} | {ours[2]:F2} | {ours[0]:F2} | {ours[3] / 1024:F0} | {reference[1]:F2} | {reference[0]:F2} | {reference[2] / 1024:F0} | {ours[1] / reference[1]:F2} |"));

    /// <summary>[wall s, CPU s, second run's CPU s, peak RSS KiB, first run's JIT s] of one child process.</summary>
    private static double[] RunOurs(MainRun run, Dtype dtype, string data)
    {
        var (fileName, prefix) = SelfCommand();
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in prefix.Concat(["c12-run", run.Key, dtype == Dtype.Float32 ? "float32" : "float64", data]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PLATFORM_TORCH_THREADS"] = "1";
        // As a trial process starts: `platform run` trains in a `platform trial-host` process with these runtime settings.
        TrialRuntimeSettings.ApplyTo(start.Environment);
        return Result(start, $"{run.Key} {dtype}");
    }

    /// <summary>[wall s, CPU s, peak RSS KiB, …] of the numpy reference's function for <paramref name="run"/> in its own process.</summary>
    private static double[] RunNumpy(MainRun run, string numpyDirectory, string data)
    {
        // The reference scripts run all their runs at import; this executes the script up to that final loop, then one call.
        const string driver = """
            import sys, time, resource
            script, data, call = sys.argv[1], sys.argv[2], sys.argv[3]
            source = open(script).read()
            source = source[:source.index('\nfor name,fn in')]
            sys.argv = [script, data]
            scope = {'__name__': 'bench'}
            exec(compile(source, script, 'exec'), scope)
            run = eval(call, scope)
            wall, cpu = time.perf_counter(), time.process_time()
            result = run()
            print('RESULT %.3f %.3f %d' % (time.perf_counter() - wall, time.process_time() - cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss), result)
            """;
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = numpyDirectory,
        };
        foreach (var argument in new[] { "-c", driver, run.NumpyScript, data, run.NumpyCall })
        {
            start.ArgumentList.Add(argument);
        }

        // As the bench README's timing command: its OpenBLAS overrides unset, one thread.
        start.Environment.Remove("OPENBLAS_CORETYPE");
        start.Environment.Remove("OPENBLAS_L2_SIZE");
        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        return Result(start, $"numpy {run.Key}");
    }

    private static double[] Result(ProcessStartInfo start, string what)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var errors = process.StandardError.ReadToEndAsync();
        var lines = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = lines.Split('\n').FirstOrDefault(l => l.StartsWith(ResultMarker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{what} printed no result (exit {process.ExitCode}): {lines}{errors.Result}");
        return [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(5)
            .TakeWhile(v => double.TryParse(v, CultureInfo.InvariantCulture, out _)).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
    }

    private static (double Wall, double Cpu) Measure(Action action)
    {
        var wall = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        action();
        return (wall.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>This program again: its apphost, or `dotnet Platform.Bench.dll` when started through dotnet.</summary>
    private static (string FileName, string[] Prefix) SelfCommand()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        return Path.GetFileNameWithoutExtension(path) == "dotnet" ? (path, [Assembly.GetExecutingAssembly().Location]) : (path, []);
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();
}
