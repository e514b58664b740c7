using Platform.Contracts.Api;
using Platform.Contracts.Grains;
using Platform.Contracts.Sweeps;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;
using Platform.Silo.Sweeps.Lifecycle;
using Platform.Silo.Sweeps.Stopping;

namespace Platform.Silo.Api;

/// <summary>
/// The sweep page's judgements, from what the store holds: each trial's latest value of the sweep metric, the best trial so far by
/// the metric's goal, and which ASHA rungs each trial reached. Pure: the endpoint loads, this decides.
/// </summary>
public static class SweepDetailsBuilder
{
    /// <summary>
    /// One trial as stored: its row, its run (null if deleted) and the sweep metric's history — in full, or reduced by
    /// <see cref="DownsampledHistoryCache.Reduce"/>, which keeps the points the rungs are judged on.
    /// </summary>
    public sealed record TrialData(TrialRecord Trial, Run? Run, IReadOnlyList<Metric> History);

    /// <param name="maxPoints">Points per trial's history in the answer (LTTB); rungs are judged on the history given.</param>
    public static SweepDetails Build(SweepView view, SweepSpec? spec, string yaml, IReadOnlyList<TrialData> trials, int maxPoints)
    {
        var metric = spec?.Metric;
        var views = trials.OrderBy(t => t.Trial.Index).Select(t => TrialView(t, metric?.Name, maxPoints)).ToArray();
        var rungs = spec?.EarlyTerminate is { Type: EarlyTerminateSpec.Hyperband } terminate && metric is not null
            ? Rungs(terminate, trials)
            : null;
        return new SweepDetails(view, spec?.Name, yaml,
            metric is null ? null : new SweepMetricView(metric.Name, metric.Goal.Name(), metric.Target),
            views, metric is null ? null : Best(views, metric.Goal), rungs);
    }

    /// <summary>Finished trials compete; while none has finished, the running ones do. Ties go to the earlier trial.</summary>
    public static SweepBest? Best(IReadOnlyList<SweepTrialView> trials, MetricGoal goal)
    {
        var finished = Candidates(trials, nameof(TrialState.Finished));
        var pool = finished.Length > 0 ? finished : Candidates(trials, nameof(TrialState.Running));
        if (pool.Length == 0)
        {
            return null;
        }

        var best = pool.OrderBy(t => MetricRanking.AsLoss(goal, t.Value!.Value)).ThenBy(t => t.Index).First();
        return new SweepBest(best.RunId, best.Index, best.Value!.Value, best.Step ?? 0);
    }

    /// <summary>
    /// The rungs each trial reached: rung k once it logged the metric at a step at or after the rung's step, with its first such
    /// value (what ASHA recorded there). A pruned trial was stopped at the last rung it reached.
    /// </summary>
    public static SweepRungs Rungs(EarlyTerminateSpec terminate, IReadOnlyList<TrialData> trials)
    {
        var steps = HyperbandRungs.FromWandb(terminate);
        var perTrial = trials.Select(t =>
        {
            var history = t.History.Where(m => double.IsFinite(m.Value)).OrderBy(m => m.Step).ThenBy(m => m.Timestamp).ToArray();
            var reached = new List<RungValue>();
            for (var rung = 0; rung < steps.Count; rung++)
            {
                if (history.FirstOrDefault(m => m.Step >= steps[rung]) is not { } point)
                {
                    break;
                }

                reached.Add(new RungValue(rung, steps[rung], point.Value));
            }

            return new TrialRungs(t.Trial.RunId, (int)t.Trial.Index, reached, t.Trial.State == nameof(TrialState.Pruned));
        }).OrderBy(t => t.Index).ToArray();
        return new SweepRungs(steps, terminate.Eta, perTrial);
    }

    private static SweepTrialView[] Candidates(IReadOnlyList<SweepTrialView> trials, string state) =>
        trials.Where(t => t.State == state.ToLowerInvariant() && t.Value is { } v && double.IsFinite(v)).ToArray();

    private static SweepTrialView TrialView(TrialData t, string? metric, int maxPoints)
    {
        var latest = metric is null ? null : t.Run?.Data.Metrics.FirstOrDefault(m => m.Key == metric);
        return new SweepTrialView(t.Trial.RunId, t.Run?.Info.RunName, (int)t.Trial.Index, t.Trial.State.ToLowerInvariant(),
            t.Run?.Data.Params.ToDictionary(p => p.Key, p => p.Value) ?? new Dictionary<string, string>(),
            latest?.Value, latest?.Step, Search.Lttb.Downsample(t.History, maxPoints),
            t.Run?.Data.Tag(TrialTags.PruneReason) ?? t.Run?.Data.Tag(PlatformTags.Error));
    }
}
