using System.Globalization;
using Platform.Contracts.Sweeps;

namespace Platform.Silo.Sweeps.Stopping;

/// <summary>
/// The median stopping rule of Google Vizier (Golovin et al. 2017, section 3.2.2): stop a trial at step t if its best
/// objective so far is strictly worse than the median of the running averages, up to t, of the completed trials. It
/// acts only from <paramref name="minSteps"/> on and once <paramref name="minCompletedTrials"/> completed trials have
/// reported by step t, so early noise and an empty sweep do not stop anything.
/// </summary>
public sealed class MedianStoppingRule(MetricGoal goal, int minCompletedTrials = 3, long minSteps = 0) : IEarlyStoppingRule
{
    private readonly Dictionary<string, List<(long Step, double Value)>> history = [];
    private readonly HashSet<string> completed = [];
    private readonly HashSet<string> stopped = [];

    public StopDecision Report(TrialMetricReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!history.TryGetValue(report.TrialId, out var own))
        {
            history[report.TrialId] = own = [];
        }

        own.Add((report.Step, report.Value));
        if (stopped.Contains(report.TrialId))
        {
            return StopDecision.Stop("stopped earlier by the median rule");
        }

        if (report.Step < minSteps || completed.Contains(report.TrialId))
        {
            return StopDecision.Continue;
        }

        var averages = completed.Where(id => id != report.TrialId)
            .Select(id => history[id].Where(p => p.Step <= report.Step).Select(p => p.Value).ToArray())
            .Where(values => values.Length > 0)
            .Select(values => values.Average())
            .ToArray();
        if (averages.Length < minCompletedTrials)
        {
            return StopDecision.Continue;
        }

        var median = Median(averages);
        var best = MetricRanking.Best(goal, own.Where(p => p.Step <= report.Step).Select(p => p.Value));
        if (!MetricRanking.IsWorse(goal, best, median))
        {
            return StopDecision.Continue;
        }

        stopped.Add(report.TrialId);
        return StopDecision.Stop(string.Create(CultureInfo.InvariantCulture,
            $"best {best} by step {report.Step} is worse than the median {median} of {averages.Length} completed trials' running averages"));
    }

    public void Completed(string trialId)
    {
        completed.Add(trialId);
        history.TryAdd(trialId, []);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
