using System.CommandLine;
using Platform.Cli.Local;
using Platform.Contracts.Sweeps;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>platform sweep run &lt;sweep.yaml&gt;</c>: a W&amp;B-format sweep to completion, then every run's final metrics; and the verbs
/// against a running platform (<see cref="SweepControlCommands"/>).
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("sweep.yaml") { Description = "Sweep file: Weights & Biases format plus a top-level `assignment:`" };
        var home = CommonOptions.Home();
        var dataDir = CommonOptions.DataDir();
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var device = CommonOptions.Device();

        var run = new Command("run", "Run a sweep to completion and print every run's final metrics") { file, home, dataDir, server, json, device };
        run.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            var path = result.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CliError($"sweep file '{Path.GetFullPath(path)}' not found");
            }

            var yaml = await File.ReadAllTextAsync(path, ct);
            var plan = SweepPlanner.Plan(yaml); // fail fast with YAML line numbers, before anything starts
            RequireEnd(plan);
            JobExecution.CheckLocalDataDirectory(plan.Assignment, result.GetValue(server), result.GetValue(dataDir));

            var local = new EmbeddedPlatformOptions
            {
                Home = result.GetValue(home) ?? EmbeddedPlatformOptions.DefaultHome(),
                DataDirectory = result.GetValue(dataDir),
                Device = result.GetValue(device)!,
                Quiet = true,
            };
            return await JobExecution.SubmitAndWaitAsync(c => c.SubmitSweepAsync(yaml, ct), result.GetValue(server), local, result.GetValue(json), ct);
        }));

        return new Command("sweep", "Hyperparameter sweeps")
        {
            run,
            SweepControlCommands.Submit(),
            SweepControlCommands.Watch(),
            SweepControlCommands.Control("cancel", "Cancel a sweep and its unfinished trials", (c, id, ct) => c.CancelSweepAsync(id, ct)),
            SweepControlCommands.Control("pause", "Pause a sweep: no new trials start; running ones run on", (c, id, ct) => c.PauseSweepAsync(id, ct)),
            SweepControlCommands.Control("resume", "Resume a paused sweep", (c, id, ct) => c.ResumeSweepAsync(id, ct)),
        };
    }

    /// <summary>Random and bayes sweeps without run_cap run until cancelled (as in W&amp;B); `sweep run` waits for the end, so it needs one.</summary>
    private static void RequireEnd(SweepPlan plan)
    {
        if (plan.Spec.Method != SweepMethod.Grid && plan.Spec.RunCap is null)
        {
            throw new CliError($"a {plan.Spec.Method.ToString().ToLowerInvariant()} sweep never ends without run_cap: add run_cap, or use `sweep submit --server` and `sweep cancel`");
        }
    }
}
