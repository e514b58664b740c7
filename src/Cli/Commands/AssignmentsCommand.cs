using System.CommandLine;
using System.Text.Json;
using Platform.Contracts.Catalog;
using Platform.Contracts.Tracking;

namespace Platform.Cli.Commands;

/// <summary><c>platform assignments</c>: the catalog of job types with their hyperparameters and metric keys.</summary>
internal static class AssignmentsCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("assignments", "List the job types: ids, hyperparameters (type, default, range) and metric keys") { json };
        command.SetAction(result =>
        {
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(AssignmentCatalog.All, TrackingJson.Options));
                return ExitCodes.Ok;
            }

            foreach (var assignment in AssignmentCatalog.All)
            {
                Console.Out.WriteLine($"{assignment.Id}  {assignment.Title}");
                foreach (var h in assignment.Hyperparameters)
                {
                    var range = h.RangeText is { } r ? $" in {r}" : h.Choices is { Count: > 0 } c ? $" one of {string.Join("|", c)}" : "";
                    Console.Out.WriteLine($"    {h.Name,-22} {h.Type.ToString().ToLowerInvariant(),-10} default {h.Default}{range}");
                }

                Console.Out.WriteLine($"    metrics: {string.Join(", ", assignment.MetricKeys)}");
                if (assignment.DataFiles.Count > 0)
                {
                    Console.Out.WriteLine($"    data: {string.Join(", ", assignment.DataFiles)}");
                }

                Console.Out.WriteLine();
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
