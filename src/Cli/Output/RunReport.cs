using System.Globalization;
using System.Text.Json;
using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;

namespace Platform.Cli.Output;

/// <summary>
/// The result of <c>run</c> and <c>sweep run</c>: with <c>--json</c> one object
/// <c>{"runs":[{"run_id","status","params":{…},"metrics":{key: latest}}]}</c> (plus <c>error</c>, or <c>outcome</c> and
/// <c>prune_reason</c>, when a run did not finish), otherwise a readable list.
/// </summary>
internal static class RunReport
{
    public static void Write(IReadOnlyList<Run> runs, bool json, TextWriter output)
    {
        if (json)
        {
            var body = new
            {
                runs = runs.Select(r => new
                {
                    run_id = r.Info.RunId,
                    status = r.Info.Status.ToString(),
                    @params = r.Data.Params.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value),
                    metrics = r.Data.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).ToDictionary(m => m.Key, m => m.Value),
                    error = r.Data.Tag(PlatformTags.Error),
                    outcome = r.Data.Tag(TrialTags.Outcome),
                    prune_reason = r.Data.Tag(TrialTags.PruneReason),
                }),
            };
            output.WriteLine(JsonSerializer.Serialize(body, TrackingJson.Options));
            return;
        }

        foreach (var run in runs)
        {
            var outcome = run.Data.Tag(TrialTags.Outcome) is { } ended ? $" {ended}" : "";
            output.WriteLine($"run {run.Info.RunId}  {run.Info.Status}{outcome}  ({run.Data.Tag(PlatformTags.Assignment)})");
            output.WriteLine("  params:  " + string.Join("  ", run.Data.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
            foreach (var metric in run.Data.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"  {metric.Key,-16} {metric.Value.ToString("R", CultureInfo.InvariantCulture)}  (step {metric.Step})");
            }
        }
    }
}
