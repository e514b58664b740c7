using System.Collections.Concurrent;
using System.Diagnostics;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Testing;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>
/// A cluster of real <c>platform</c> processes on loopback (as <c>deploy/cluster.sh</c> runs it): silos with PostgreSQL
/// membership and the store in one database, workers as Orleans clients with trials in their own processes. Every process
/// gets free ports; <see cref="Kill"/> is kill -9 of a process and its trial processes, <see cref="StopAsync"/> is SIGTERM.
/// </summary>
public sealed class LoopbackCluster : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly TempDirectory _artifacts = new("platform-cluster");
    private readonly ConcurrentDictionary<string, (Process Process, ConcurrentQueue<string> Output)> _processes = new();
    private readonly List<Uri> _apis = [];

    public LoopbackCluster(string connectionString) => _connectionString = connectionString;

    /// <summary>The HTTP API of every silo started, the first one first: workers and tests use the first one while it answers.</summary>
    public IReadOnlyList<Uri> ApiAddresses => _apis.Count > 0 ? _apis.ToArray() : throw new InvalidOperationException("no silo started yet");

    public PlatformClient Client
    {
        get
        {
            var http = PlatformHttpClient.Create(ApiAddresses, null);
            http.Timeout = TimeSpan.FromMinutes(3); // submitting 50 trials on a loaded 2-core machine took 30 s
            return new PlatformClient(http);
        }
    }

    public async Task MigrateAsync()
    {
        var migrate = Start("migrate", "migrate");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await migrate.WaitForExitAsync(timeout.Token);
        Assert.True(migrate.ExitCode == 0, $"platform migrate exited {migrate.ExitCode}:\n{Output("migrate")}");
    }

    /// <summary>Starts a silo, adds its API to <see cref="ApiAddresses"/>, and waits until it answers.</summary>
    public async Task StartSiloAsync(string name)
    {
        var http = FreeTcpPort.OnLoopback();
        Start(name, "silo", $"--Cluster:SiloPort={FreeTcpPort.OnLoopback()}", $"--Cluster:GatewayPort={FreeTcpPort.OnLoopback()}", $"--Http:Port={http}");
        var api = new Uri($"http://127.0.0.1:{http}/");
        lock (_apis)
            _apis.Add(api);
        using var probe = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            Assert.False(_processes[name].Process.HasExited, $"{name} exited:\n{Output(name)}");
            try
            {
                if ((await probe.GetAsync("api/platform/v1/cluster")).IsSuccessStatusCode)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"{name} did not answer in 120 s:\n{Output(name)}");
            await Task.Delay(250);
        }
    }

    /// <summary>Starts a worker on the first silo's API, with the other silos' APIs as fallbacks (as <c>deploy/cluster.sh</c> does).</summary>
    public void StartWorker(string name, TimeSpan? drainGrace = null) =>
        Start(name, "worker", $"--Http:Port={FreeTcpPort.OnLoopback()}", $"--Worker:ApiBaseAddress={ApiAddresses[0]}",
            $"--Worker:ApiFallbackAddresses={string.Join(',', ApiAddresses.Skip(1))}", $"--Worker:WorkerId={name}",
            $"--Worker:DrainGracePeriod={drainGrace ?? TimeSpan.FromSeconds(20)}");

    /// <summary>kill -9 of the process and the trial processes it started (a lost machine).</summary>
    public void Kill(string name) => _processes[name].Process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, then waits for the process to end by itself; returns how long that took.</summary>
    public async Task<TimeSpan> StopAsync(string name, TimeSpan timeout)
    {
        var process = _processes[name].Process;
        var watch = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])!)
            await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return watch.Elapsed;
    }

    public string Output(string name) => _processes.TryGetValue(name, out var p) ? string.Join('\n', p.Output) : "";

    /// <summary>Polls the sweep until <paramref name="done"/> holds, failing with every process's output when it does not in time.</summary>
    public async Task<SweepView> WaitForSweepAsync(string sweepId, Func<SweepView, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        SweepView? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await Client.GetSweepAsync(sweepId);
                if (done(last))
                    return last;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or PlatformApiException)
            {
                // The API silo may be briefly unable to reach the store (a database restart): ask again.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"sweep {sweepId} did not get there in {timeout}; last: {Describe(last)}\n{AllOutput()}");
    }

    public static int Count(SweepView sweep, string state) => sweep.Trials?.GetValueOrDefault(state) ?? 0;

    public static string Describe(SweepView? sweep) =>
        sweep is null ? "(none)" : $"{sweep.State} " + string.Join(", ", (sweep.Trials ?? new Dictionary<string, int>()).Select(kv => $"{kv.Key}={kv.Value}"));

    public string AllOutput() => string.Join("\n", _processes.Keys.Order().Select(n => $"--- {n} (last 40 lines)\n" + string.Join('\n', _processes[n].Output.TakeLast(40))));

    private Process Start(string name, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "platform.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Remove("PLATFORM_DATA_DIR");
        foreach (var (key, value) in Settings())
            start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes[name] = (process, output);
        return process;
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Cluster__Membership"] = "postgres",
        ["Cluster__ClusterId"] = _clusterId,
        ["Cluster__AdvertisedIp"] = "127.0.0.1",
        ["Cluster__FastFailover"] = "true",
        ["Store__Provider"] = "postgres",
        ["Store__ConnectionString"] = _connectionString,
        ["Store__ArtifactRoot"] = _artifacts.Path,
        ["Http__Host"] = "127.0.0.1",
        ["Auth__Enabled"] = "false",
    };

    /// <summary>Kills what still runs and keeps every process's output under the temp folder (named in a failing test's message).</summary>
    public async ValueTask DisposeAsync()
    {
        var logs = Path.Combine(Path.GetTempPath(), "platform-cluster-logs", _clusterId);
        Directory.CreateDirectory(logs);
        foreach (var (name, (process, output)) in _processes)
        {
            await File.WriteAllLinesAsync(Path.Combine(logs, name + ".log"), output);
        }

        foreach (var (process, _) in _processes.Values)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }

        _artifacts.Dispose();
    }
}
