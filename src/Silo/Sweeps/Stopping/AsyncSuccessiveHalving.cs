using System.Globalization;
using Platform.Contracts.Sweeps;

namespace Platform.Silo.Sweeps.Stopping;

/// <summary>
/// Asynchronous successive halving (Li et al. 2020, "A System for Massively Parallel Hyperparameter Tuning"), in its
/// stopping form: rungs at increasing steps r_0 &lt; r_1 &lt; ... (r_k = r_min · eta^k in the paper); when a trial reaches
/// rung k its current metric is recorded there and it continues (is promoted) only if it is in the top 1/eta of all
/// values recorded at rung k so far, itself included, otherwise it stops. Decisions never wait for a rung to fill, which
/// is what makes it asynchronous. It differs from the paper's Algorithm 2 (<see cref="AshaPromotions"/>), where a trial is
/// never stopped and one below the cut may still be promoted once more results arrive; this form suits trials that run
/// through without pausing at rungs, and is what Ray Tune's ASHAScheduler and Optuna's SuccessiveHalvingPruner do.
/// </summary>
public sealed class AsyncSuccessiveHalving : IEarlyStoppingRule
{
    private readonly IReadOnlyList<long> rungs;
    private readonly List<double>[] recorded;
    private readonly Dictionary<string, int> rungsPassed = [];
    private readonly HashSet<string> stopped = [];

    /// <param name="rungs">Steps at which trials are compared, ascending (see <see cref="HyperbandRungs"/>).</param>
    public AsyncSuccessiveHalving(MetricGoal goal, IReadOnlyList<long> rungs, int eta)
    {
        ArgumentNullException.ThrowIfNull(rungs);
        ArgumentOutOfRangeException.ThrowIfLessThan(eta, 2);
        if (rungs.Count == 0 || rungs.Zip(rungs.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new ArgumentException("rungs must be a non-empty ascending list", nameof(rungs));
        }

        Goal = goal;
        Eta = eta;
        this.rungs = rungs;
        recorded = rungs.Select(_ => new List<double>()).ToArray();
    }

    public MetricGoal Goal { get; }

    public int Eta { get; }

    public IReadOnlyList<long> Rungs => rungs;

    /// <summary>The values recorded at rung <paramref name="rung"/>, in arrival order.</summary>
    public IReadOnlyList<double> RecordedAt(int rung) => recorded[rung];

    public StopDecision Report(TrialMetricReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (stopped.Contains(report.TrialId))
        {
            return StopDecision.Stop("stopped earlier by successive halving");
        }

        var passed = rungsPassed.GetValueOrDefault(report.TrialId);
        // A trial that reports sparsely may pass several rungs at once; it is judged at each, lowest first.
        while (passed < rungs.Count && report.Step >= rungs[passed])
        {
            var rung = passed++;
            rungsPassed[report.TrialId] = passed;
            recorded[rung].Add(report.Value);
            if (!IsPromotable(report.Value, recorded[rung]))
            {
                stopped.Add(report.TrialId);
                return StopDecision.Stop(string.Create(CultureInfo.InvariantCulture,
                    $"not in the top 1/{Eta} of {recorded[rung].Count} trials at rung {rung} (step {rungs[rung]})"));
            }
        }

        return StopDecision.Continue;
    }

    public void Completed(string trialId)
    {
    }

    /// <summary>
    /// ASHA's promotion test: in the top floor(n / eta) of the n values at the rung. While n &lt; eta that top is empty;
    /// a stopped trial cannot be resumed later (the paper would just not promote it yet), so, as Optuna's
    /// SuccessiveHalvingPruner does, the top is then the single best value. Ties with the cut-off are promoted.
    /// </summary>
    private bool IsPromotable(double value, IReadOnlyList<double> atRung)
    {
        var top = Math.Max(atRung.Count / Eta, 1);
        var cutoff = atRung.Select(v => MetricRanking.AsLoss(Goal, v)).Order().ElementAt(top - 1);
        return MetricRanking.AsLoss(Goal, value) <= cutoff;
    }
}
