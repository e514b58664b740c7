using Platform.Contracts.Sweeps;
using Platform.Silo.Store;
using Platform.Silo.Sweeps.Lifecycle;
using Platform.Silo.Sweeps.Search;
using Platform.Silo.Sweeps.Stopping;

namespace Platform.Silo.Grains;

/// <summary>
/// A sweep grain's working state: the stored record, the re-planned spec, the search and stopping rule built from it, and what
/// the trials did so far. Everything here is rebuilt from the store on activation.
/// </summary>
internal sealed class SweepRun
{
    private readonly HashSet<string> _ended = [];

    private SweepRun(SweepRecord record, SweepPlan plan, List<TrialObservation> history)
    {
        Record = record;
        Plan = plan;
        History = history;
        Search = SearchAlgorithms.Create(plan.Spec, plan.Assignment, (int)record.Seed);
        Stopping = EarlyStoppingRules.Create(plan.Spec);
    }

    public SweepRecord Record { get; private set; }

    public SweepPlan Plan { get; }

    public ISearchAlgorithm Search { get; }

    public IEarlyStoppingRule? Stopping { get; }

    public List<TrialObservation> History { get; }

    /// <summary>Known once a suggestion came back short (or the target was reached); recomputed after a restart.</summary>
    public bool Exhausted { get; set; }

    public int Issued => Record.RunIds.Count;

    public bool AllEnded => _ended.Count >= Issued;

    public SweepState State
    {
        get => ParseState(Record.State);
        set => Record = Record with { State = value.ToString().ToUpperInvariant() };
    }

    public static SweepRun Create(SweepRecord record, SweepPlan plan, List<TrialObservation> history) => new(record, plan, history);

    public static SweepState ParseState(string state) => Enum.Parse<SweepState>(state, ignoreCase: true);

    /// <summary>Grid sweeps start every point at once (the grid is their bound); sampled ones a few at a time. run_cap caps both.</summary>
    public int FreeSlots()
    {
        var parallelism = Plan.Spec.Method == SweepMethod.Grid ? int.MaxValue : SweepGrain.SampledParallelism;
        var running = Issued - _ended.Count;
        var cap = Plan.Spec.RunCap is { } runCap ? runCap - Issued : int.MaxValue;
        var free = Math.Min(parallelism - running, cap);
        if (cap <= 0)
        {
            Exhausted = true;
        }

        return Math.Max(free, 0);
    }

    /// <summary>W&amp;B ends a sweep once a trial reaches <c>metric.target</c>.</summary>
    public bool TargetReached() =>
        Plan.Spec.Metric is { Target: { } target } metric &&
        History.Any(o => metric.Goal == MetricGoal.Minimize ? o.Value <= target : o.Value >= target);

    public void Issue(string runId) => Record = Record with { RunIds = [.. Record.RunIds, runId], Issued = Record.RunIds.Count + 1 };

    /// <summary>False when the trial is not one of this sweep's or its end was already counted.</summary>
    public bool MarkEnded(string runId) => Record.RunIds.Contains(runId) && _ended.Add(runId);

    public bool IsEnded(string runId) => _ended.Contains(runId);
}
