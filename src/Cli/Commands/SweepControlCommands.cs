using System.CommandLine;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Contracts.Sweeps;

namespace Platform.Cli.Commands;

/// <summary><c>platform sweep submit|watch|cancel|pause|resume</c>: sweeps on a running platform (<c>--server</c>).</summary>
internal static class SweepControlCommands
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static Command Submit()
    {
        var file = new Argument<string>("sweep.yaml") { Description = "Sweep file: Weights & Biases format plus a top-level `assignment:`" };
        var server = CommonOptions.Server();
        var command = new Command("submit", "Submit a sweep to a running platform and print its id") { file, server };
        command.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            var path = result.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CliError($"sweep file '{Path.GetFullPath(path)}' not found");
            }

            var yaml = await File.ReadAllTextAsync(path, ct);
            SweepPlanner.Plan(yaml); // the YAML line of a mistake, before the server is asked
            var submitted = await JobExecution.RemoteClient(result.GetValue(server)).SubmitSweepAsync(yaml, ct);
            Console.Out.WriteLine(submitted.SweepId);
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Watch()
    {
        var sweepId = new Argument<string>("sweep-id");
        var server = CommonOptions.Server();
        var command = new Command("watch", "Print a progress line each time the sweep's state changes, until it ends") { sweepId, server };
        command.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            var client = JobExecution.RemoteClient(result.GetValue(server));
            var final = await client.WaitForSweepAsync(result.GetValue(sweepId)!, PollInterval, s => Console.Out.WriteLine(ProgressLine(s)), ct);
            return final.State == SweepStates.Finished ? ExitCodes.Ok : ExitCodes.RunFailed;
        }));
        return command;
    }

    public static Command Control(string verb, string description, Func<PlatformClient, string, CancellationToken, Task<SweepView>> control)
    {
        var sweepId = new Argument<string>("sweep-id");
        var server = CommonOptions.Server();
        var command = new Command(verb, description) { sweepId, server };
        command.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            var view = await control(JobExecution.RemoteClient(result.GetValue(server)), result.GetValue(sweepId)!, ct);
            Console.Out.WriteLine(ProgressLine(view));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>e.g. <c>1f2e3d4c RUNNING  5 trials: 2 running, 1 queued, 2 finished</c>.</summary>
    public static string ProgressLine(SweepView sweep)
    {
        var counts = (sweep.Trials ?? new Dictionary<string, int>()).Where(c => c.Value > 0).OrderBy(c => Order(c.Key)).Select(c => $"{c.Value} {c.Key}");
        return $"{sweep.SweepId[..Math.Min(8, sweep.SweepId.Length)]} {sweep.State,-9} {sweep.RunIds.Count} trials: {string.Join(", ", counts)}".TrimEnd(' ', ':');
    }

    private static int Order(string state) =>
        Array.IndexOf(["running", "leased", "queued", "paused", "finished", "pruned", "failed", "cancelled"], state) is var i and >= 0 ? i : 99;
}
