using Platform.Contracts.Sweeps;

namespace Platform.Silo.Sweeps.Stopping;

/// <summary>
/// ASHA as Li et al. give it (Algorithm 2 of "A System for Massively Parallel Hyperparameter Tuning", MLSys 2020; arXiv 2018),
/// in its promotion form: when a worker asks for work, promote a trial that is in the top floor(n_k / eta) of rung k and was
/// not promoted from it yet, trying the highest rung first; if there is none, start a new trial at rung 0. A trial is never
/// stopped: one that is not promoted now may be later, once more results make the top of its rung larger. Needs trials that
/// can pause at a rung and resume from their checkpoint. <see cref="AsyncSuccessiveHalving"/> is the stopping form the sweep
/// engine uses (as Ray Tune's ASHAScheduler and Optuna's SuccessiveHalvingPruner do), where a trial below the cut when it
/// reaches a rung ends for good.
/// </summary>
public sealed class AshaPromotions
{
    private readonly int rungCount;
    private readonly List<(string Trial, double Loss)>[] results;
    private readonly HashSet<string>[] promoted;

    /// <param name="rungCount">Rungs 0 .. rungCount - 1; the last is the full training, from which nothing is promoted.</param>
    public AshaPromotions(MetricGoal goal, int rungCount, int eta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rungCount, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(eta, 2);
        Goal = goal;
        Eta = eta;
        this.rungCount = rungCount;
        results = Enumerable.Range(0, rungCount).Select(_ => new List<(string, double)>()).ToArray();
        promoted = Enumerable.Range(0, rungCount).Select(_ => new HashSet<string>()).ToArray();
    }

    public MetricGoal Goal { get; }

    public int Eta { get; }

    /// <summary>Records the metric of <paramref name="trial"/> when it reached <paramref name="rung"/>.</summary>
    public void Report(string trial, int rung, double value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rung);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rung, rungCount);
        results[rung].Add((trial, MetricRanking.AsLoss(Goal, value)));
    }

    /// <summary>
    /// The paper's get_job: a trial to promote to the rung after the one it holds (highest rung first; the best of the
    /// promotable at that rung), or null, which means "start a new trial at rung 0".
    /// </summary>
    public (string Trial, int ToRung)? NextPromotion()
    {
        for (var k = rungCount - 2; k >= 0; k--)
        {
            var top = results[k].Count / Eta;
            // Ties keep arrival order, so the earlier result of two equal ones counts as the better.
            var candidate = results[k].Select((r, i) => (r.Trial, r.Loss, i)).OrderBy(r => r.Loss).ThenBy(r => r.i).Take(top)
                .FirstOrDefault(r => !promoted[k].Contains(r.Trial));
            if (candidate.Trial is not null)
            {
                promoted[k].Add(candidate.Trial);
                return (candidate.Trial, k + 1);
            }
        }

        return null;
    }
}
