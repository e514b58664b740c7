using System.CommandLine;
using Platform.Cli.Local;
using Platform.Contracts.Api;
using Platform.Contracts.Catalog;

namespace Platform.Cli.Commands;

/// <summary><c>platform run &lt;assignment-id&gt; [--set name=value]...</c>: one run to completion, then its final metrics.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var assignment = new Argument<string>("assignment-id") { Description = "The job to run (see `platform assignments`)" };
        var set = new Option<string[]>("--set") { Description = "A hyperparameter as name=value; values are YAML scalars or lists, e.g. layers_dims=[12288,20,7,5,1]" };
        var experiment = new Option<string?>("--experiment") { Description = "Experiment name (default: the assignment id)" };
        var resources = new Option<string?>("--resources")
        {
            Description = "What the run needs of a worker, over the assignment's defaults: e.g. gpu=0.25,cpu=1,gpu_memory_gb=2",
        };
        var home = CommonOptions.Home();
        var dataDir = CommonOptions.DataDir();
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var device = CommonOptions.Device();

        var command = new Command("run", "Run one assignment to completion and print its final metrics") { assignment, set, experiment, resources, home, dataDir, server, json, device };
        command.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            var descriptor = AssignmentCatalog.Get(result.GetValue(assignment)!);
            var parameters = ParseSettings(result.GetValue(set) ?? []);
            HyperparameterBinder.Bind(descriptor, parameters); // fail fast, before anything starts
            var needs = ParseResources(result.GetValue(resources));
            ResourceRequest.Resolve(needs, descriptor);
            JobExecution.CheckLocalDataDirectory(descriptor, result.GetValue(server), result.GetValue(dataDir));

            var local = new EmbeddedPlatformOptions
            {
                Home = result.GetValue(home) ?? EmbeddedPlatformOptions.DefaultHome(),
                DataDirectory = result.GetValue(dataDir),
                Device = result.GetValue(device)!,
                Quiet = true,
            };
            var submission = new RunSubmission(descriptor.Id, parameters, result.GetValue(experiment),
                needs?.ToDictionary(n => n.Key, n => double.Parse(n.Value, System.Globalization.CultureInfo.InvariantCulture)));
            return await JobExecution.SubmitAndWaitAsync(c => c.SubmitRunAsync(submission, ct), result.GetValue(server), local, result.GetValue(json), ct);
        }));
        return command;
    }

    /// <summary><c>gpu=0.25,cpu=1</c> as key → value text (checked by <see cref="ResourceRequest"/>); null when not given.</summary>
    internal static Dictionary<string, string>? ParseResources(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var resources = new Dictionary<string, string>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = entry.IndexOf('=');
            if (equals <= 0)
            {
                throw new CliError($"--resources expects key=value pairs separated by commas, got '{entry}'");
            }

            resources[entry[..equals].Trim()] = entry[(equals + 1)..].Trim();
        }

        return resources;
    }

    internal static Dictionary<string, string> ParseSettings(IEnumerable<string> settings)
    {
        var parameters = new Dictionary<string, string>();
        foreach (var setting in settings)
        {
            var equals = setting.IndexOf('=');
            if (equals <= 0)
            {
                throw new CliError($"--set expects name=value, got '{setting}'");
            }

            parameters[setting[..equals].Trim()] = setting[(equals + 1)..];
        }

        return parameters;
    }
}
