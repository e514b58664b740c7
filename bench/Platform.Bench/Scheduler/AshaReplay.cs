using System.Globalization;
using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Stopping;

namespace Platform.Bench.Scheduler;

/// <summary>
/// Replays a sweep's recorded metric reports through a fresh <see cref="AsyncSuccessiveHalving"/> as <c>workers</c>
/// asynchronous workers would deliver them: each takes the next trial of <c>order</c> when free, a step (epoch or iteration)
/// of trial i takes <c>stepTime[i]</c> (e.g. its mini-batches per epoch), and reports reach the rule in time order (ties:
/// first come). With equal step times the arrival order at every rung is the start order whatever the number of workers. A
/// stopped trial frees its worker after e + 1 steps (stopped at its report of step e); a trial the rule never stops trains
/// all its steps, and its last report is its final metric.
/// </summary>
internal static class AshaReplay
{
    /// <summary>What a replay spent and found: steps trained by all trials, the best final metric, trials trained to the end.</summary>
    public sealed record Outcome(long Steps, double Best, int Finished);

    /// <summary>The value as a loss (smaller is better whatever the goal), a diverged (NaN) one worst of all.</summary>
    public static double Loss(MetricGoal goal, double value) =>
        double.IsNaN(value) ? double.PositiveInfinity : goal == MetricGoal.Minimize ? value : -value;

    public static Outcome Run(
        MetricGoal goal, IReadOnlyList<(long Step, double Value)>[] curves, IReadOnlyList<long> stepTime, IReadOnlyList<int> order, int workers,
        IReadOnlyList<long> rungs, int steps)
    {
        var asha = new AsyncSuccessiveHalving(goal, rungs, eta: 3);
        var reports = new PriorityQueue<(int Trial, int Report, long Start), (long Time, long Sequence)>();
        long sequence = 0, spent = 0;
        var next = 0;
        var finished = 0;
        var best = double.NaN;

        void StartNext(long time)
        {
            if (next < order.Count)
            {
                var trial = order[next++];
                reports.Enqueue((trial, 0, time), (time + curves[trial][0].Step * stepTime[trial], sequence++));
            }
        }

        for (var w = 0; w < workers; w++)
        {
            StartNext(0);
        }

        while (reports.TryDequeue(out var report, out _))
        {
            var curve = curves[report.Trial];
            var (step, value) = curve[report.Report];
            var stop = asha.Report(new TrialMetricReport(report.Trial.ToString(CultureInfo.InvariantCulture), step, value)).ShouldStop;
            if (stop)
            {
                spent += step + 1;
                StartNext(report.Start + (step + 1) * stepTime[report.Trial]);
            }
            else if (report.Report == curve.Count - 1)
            {
                spent += steps;
                finished++;
                best = Better(goal, best, value);
                StartNext(report.Start + steps * stepTime[report.Trial]);
            }
            else
            {
                reports.Enqueue(report with { Report = report.Report + 1 }, (report.Start + curve[report.Report + 1].Step * stepTime[report.Trial], sequence++));
            }
        }

        return new Outcome(spent, best, finished);
    }

    /// <summary>
    /// The paper's promotion form (<see cref="AshaPromotions"/>) over the same reports: a free worker promotes a trial (it resumes
    /// from its checkpoint and trains from its rung to the next) or starts the next trial of <c>order</c> up to its first rung;
    /// results reach the rule in time order, and an idle worker asks again after each. Rung k is judged on the metric reported
    /// at <c>rungs[k]</c>; the last rung is the full training.
    /// </summary>
    public static Outcome RunPromotions(
        MetricGoal goal, IReadOnlyList<(long Step, double Value)>[] curves, IReadOnlyList<long> stepTime, IReadOnlyList<int> order, int workers,
        IReadOnlyList<long> rungs, int steps)
    {
        var asha = new AshaPromotions(goal, rungs.Count + 1, eta: 3);
        var done = new PriorityQueue<(int Trial, int Rung), (long Time, long Sequence)>();
        long sequence = 0, spent = 0;
        var next = 0;
        var idle = workers;
        var finished = 0;
        var best = double.NaN;
        // Steps trained once a trial has reached rung k: up to the report of rungs[k], or everything at the last rung.
        long TrainedAt(int rung) => rung < rungs.Count ? rungs[rung] + 1 : steps;
        double ValueAt(int trial, int rung) => rung < rungs.Count ? curves[trial].First(r => r.Step == rungs[rung]).Value : curves[trial][^1].Value;

        void AskForWork(long time)
        {
            while (idle > 0)
            {
                int trial, rung;
                if (asha.NextPromotion() is { } promotion)
                {
                    (trial, rung) = (int.Parse(promotion.Trial, CultureInfo.InvariantCulture), promotion.ToRung);
                }
                else if (next < order.Count)
                {
                    (trial, rung) = (order[next++], 0);
                }
                else
                {
                    return;
                }

                var length = TrainedAt(rung) - (rung == 0 ? 0 : TrainedAt(rung - 1));
                spent += length;
                idle--;
                done.Enqueue((trial, rung), (time + length * stepTime[trial], sequence++));
            }
        }

        AskForWork(0);
        while (done.TryDequeue(out var job, out var at))
        {
            var value = ValueAt(job.Trial, job.Rung);
            asha.Report(job.Trial.ToString(CultureInfo.InvariantCulture), job.Rung, value);
            if (job.Rung == rungs.Count)
            {
                finished++;
                best = Better(goal, best, value);
            }

            idle++;
            AskForWork(at.Time);
        }

        return new Outcome(spent, best, finished);
    }

    /// <summary>The better of two values for the goal; NaN (none yet, or diverged) loses to any number.</summary>
    public static double Better(MetricGoal goal, double a, double b) => Loss(goal, b) < Loss(goal, a) || double.IsNaN(a) ? b : a;
}
