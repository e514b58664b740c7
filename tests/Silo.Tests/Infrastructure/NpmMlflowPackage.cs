using System.Diagnostics;

namespace Platform.Silo.Tests.Infrastructure;

/// <summary>
/// The independent MLflow client used to check compatibility: the <c>mlflow</c> package from the npm registry (a Node.js client
/// the project does not own), installed once per machine into a cache folder under the temp folder with <c>--prefer-offline</c>.
/// Missing node or npm fails with a message saying what to install; CI gets the package through this fixture, not a script.
/// </summary>
public sealed class NpmMlflowPackage : IAsyncLifetime
{
    public const string Version = "2.0.7";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"platform-npm-mlflow-{Version}");

    public string NodeModules => Path.Combine(Folder, "node_modules");

    public async Task InitializeAsync()
    {
        if (File.Exists(Path.Combine(NodeModules, "mlflow", "package.json")))
            return;
        Directory.CreateDirectory(Folder);
        await File.WriteAllTextAsync(Path.Combine(Folder, "package.json"), """{"name": "platform-mlflow-compat", "private": true}""");
        var (code, output) = await RunAsync("npm", ["install", $"mlflow@{Version}", "--prefer-offline", "--no-audit", "--no-fund"], Folder, TimeSpan.FromMinutes(3));
        if (code != 0)
            throw new InvalidOperationException($"npm install mlflow@{Version} failed ({code}):\n{output}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs a program, returning its exit code and its stdout and stderr together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> args, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            psi.Environment[k] = v;
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{program}' was not found ({e.Message}). The MLflow compatibility test needs Node.js and npm (Debian: apt-get install -y nodejs npm).", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {timeout}:\n{await stdout}\n{await stderr}");
            }
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
