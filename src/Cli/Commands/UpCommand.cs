using System.CommandLine;
using Platform.Cli.Local;

namespace Platform.Cli.Commands;

/// <summary><c>platform up</c>: the whole platform on this machine until Ctrl+C, optionally with a demo sweep that needs no data files.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var home = CommonOptions.Home();
        var dataDir = CommonOptions.DataDir();
        var device = CommonOptions.Device();
        var port = new Option<int>("--port") { Description = "HTTP port of the API and dashboard on 127.0.0.1", DefaultValueFactory = _ => 5080 };
        var demo = new Option<bool>("--demo") { Description = "Submit a demo sweep (planar data, generated in code) once the platform is up" };
        var trials = new Option<int>("--trials") { Description = "How many trials the local worker runs at once", DefaultValueFactory = _ => 1 };
        var gpus = new Option<string?>("--gpus")
        {
            Description = "GPUs the local worker offers as INDEX:MEMORY_MIB, comma-separated (e.g. 0:16384,1:16384); default: detected with --device cuda",
        };
        var auth = new Option<bool>("--auth") { Description = "Require API tokens and a dashboard login (off by default: local mode listens on 127.0.0.1 only)" };
        var allowedHosts = new Option<string?>("--allowed-hosts")
        {
            Description = "More host names to answer, comma-separated, for a proxy or port forward that keeps its own name as Host "
                + "(127.0.0.1, localhost and [::1] always are; others get 400, against DNS rebinding)",
        };

        var command = new Command("up", "Start the platform locally (embedded store, in-process worker, API and dashboard) until stopped")
        {
            home, dataDir, device, port, demo, auth, trials, gpus, allowedHosts,
        };
        command.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            var portValue = result.GetValue(port);
            if (portValue is < 1 or > 65535)
            {
                throw new CliError($"--port must be between 1 and 65535, got {portValue}");
            }

            var trialsValue = result.GetValue(trials);
            if (trialsValue is < 1 or > 1024)
            {
                throw new CliError($"--trials must be between 1 and 1024, got {trialsValue}");
            }

            List<Platform.Contracts.Grains.GpuDevice> gpuList;
            try
            {
                gpuList = Platform.Workers.Agent.GpuInventory.Parse(result.GetValue(gpus) ?? "");
            }
            catch (FormatException e)
            {
                throw new CliError($"--gpus: {e.Message}");
            }

            var extraHosts = (result.GetValue(allowedHosts) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var host in extraHosts)
            {
                if (host != "*" && Uri.CheckHostName(host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host) == UriHostNameType.Unknown)
                {
                    throw new CliError($"--allowed-hosts: '{host}' is not a host name (names only, without scheme or port; '*.' may start one, '*' allows any)");
                }
            }

            var options = new EmbeddedPlatformOptions
            {
                Home = result.GetValue(home) ?? EmbeddedPlatformOptions.DefaultHome(),
                DataDirectory = result.GetValue(dataDir),
                Device = result.GetValue(device)!,
                HttpPort = portValue,
                WithDashboard = true,
                Auth = result.GetValue(auth),
                ConcurrentTrials = result.GetValue(trials),
                Gpus = gpuList,
                AllowedHosts = extraHosts,
            };
            await using var platform = await EmbeddedPlatform.StartAsync(options, ct);
            Console.Out.WriteLine($"Platform is up. Dashboard: {platform.BaseAddress}  MLflow API: {platform.BaseAddress}api/2.0/mlflow  Home: {Path.GetFullPath(options.Home)}");
            Console.Out.WriteLine($"authentication: {(platform.AuthEnabled ? "on" : "off")}");
            if (platform.BootstrapAdmin is { } admin)
            {
                // Printed once: the store keeps only the hash. Later admins come from `platform token create`.
                Console.Out.WriteLine($"Admin token (shown once; id {admin.Token.TokenId}): {admin.Value}");
            }
            if (result.GetValue(demo))
            {
                var submitted = await platform.Client.SubmitSweepAsync(DemoSweep(), ct);
                Console.Out.WriteLine($"Demo sweep {submitted.SweepId} submitted ({submitted.RunIds.Count} runs): {platform.BaseAddress}experiments/{submitted.ExperimentId}");
            }

            Console.Out.WriteLine("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string DemoSweep()
    {
        using var stream = typeof(UpCommand).Assembly.GetManifestResourceStream("demo-sweep.yaml")
                           ?? throw new InvalidOperationException("the demo sweep is not embedded in this build");
        return new StreamReader(stream).ReadToEnd();
    }
}
