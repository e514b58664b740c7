using System.Diagnostics;
using System.Text;
using Platform.Testing;

namespace Platform.Cli.Tests.Infrastructure;

/// <summary>
/// <c>platform up</c> as a child process on a free port, started with <see cref="StartAsync"/> (which returns once it says
/// "Press Ctrl+C", or once it exits) and killed on dispose.
/// </summary>
public sealed class PlatformUpProcess : IAsyncDisposable
{
    private readonly Process _process;

    private PlatformUpProcess(Process process, Uri baseAddress, string output)
    {
        (_process, BaseAddress, Output) = (process, baseAddress, output);
    }

    public Uri BaseAddress { get; }

    /// <summary>What it printed up to "Press Ctrl+C" (standard output), or everything it printed when it exited first.</summary>
    public string Output { get; }

    public bool Exited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static async Task<PlatformUpProcess> StartAsync(string home, IReadOnlyDictionary<string, string>? environment = null, params string[] extra)
    {
        var port = FreeTcpPort.OnLoopback();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "platform.dll"), "up", "--home", home, "--port", port.ToString() }.Concat(extra))
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
                    return new PlatformUpProcess(process, new Uri($"http://127.0.0.1:{port}/"), output.ToString());
            }

            await process.WaitForExitAsync(timeout.Token);
            return new PlatformUpProcess(process, new Uri($"http://127.0.0.1:{port}/"), output.Append(await stderr).ToString());
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
