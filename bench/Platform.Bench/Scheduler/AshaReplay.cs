using System.Globalization;
using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Stopping;

namespace Platform.Bench.Scheduler;

/// <summary>
/// Replays recorded <c>cost</c> reports through a fresh <see cref="AsyncSuccessiveHalving"/> as <c>workers</c> asynchronous
/// workers would deliver them: each takes the next trial of <c>order</c> when free, an epoch of trial i takes
/// <c>epochTime[i]</c> (its mini-batches per epoch), and reports reach the rule in time order (ties: first come). With equal
/// epoch times the arrival order at every rung would be the start order whatever the number of workers. A stopped trial frees its worker after e + 1 epochs
/// (stopped at its report of epoch e); a trial the rule never stops trains all its epochs.
/// </summary>
internal static class AshaReplay
{
    public sealed record Outcome(long Epochs, double BestCost, int Finished);

    /// <summary>A cost to minimize, a diverged (NaN) one worst of all.</summary>
    public static double Loss(double cost) => double.IsNaN(cost) ? double.PositiveInfinity : cost;

    public static Outcome Run(
        IReadOnlyList<(long Epoch, double Cost)>[] curves, IReadOnlyList<long> epochTime, IReadOnlyList<int> order, int workers, IReadOnlyList<long> rungs, int epochs)
    {
        var asha = new AsyncSuccessiveHalving(MetricGoal.Minimize, rungs, eta: 3);
        var reports = new PriorityQueue<(int Trial, int Report, long Start), (long Time, long Sequence)>();
        long sequence = 0, spent = 0;
        var next = 0;
        var finished = 0;
        var best = double.PositiveInfinity;

        void StartNext(long time)
        {
            if (next < order.Count)
            {
                var trial = order[next++];
                reports.Enqueue((trial, 0, time), (time + curves[trial][0].Epoch * epochTime[trial], sequence++));
            }
        }

        for (var w = 0; w < workers; w++)
        {
            StartNext(0);
        }

        while (reports.TryDequeue(out var report, out _))
        {
            var curve = curves[report.Trial];
            var (epoch, cost) = curve[report.Report];
            var stop = asha.Report(new TrialMetricReport(report.Trial.ToString(CultureInfo.InvariantCulture), epoch, cost)).ShouldStop;
            if (stop)
            {
                spent += epoch + 1;
                StartNext(report.Start + (epoch + 1) * epochTime[report.Trial]);
            }
            else if (report.Report == curve.Count - 1)
            {
                spent += epochs;
                finished++;
                best = Math.Min(best, Loss(cost));
                StartNext(report.Start + epochs * epochTime[report.Trial]);
            }
            else
            {
                reports.Enqueue(report with { Report = report.Report + 1 }, (report.Start + curve[report.Report + 1].Epoch * epochTime[report.Trial], sequence++));
            }
        }

        return new Outcome(spent, best, finished);
    }

    /// <summary>
    /// The paper's promotion form (<see cref="AshaPromotions"/>) over the same reports: a free worker promotes a trial (it resumes
    /// from its checkpoint and trains from its rung to the next) or starts the next trial of <c>order</c> up to its first rung;
    /// results reach the rule in time order, and an idle worker asks again after each. Rung k is judged on the cost reported at
    /// <c>rungs[k]</c>; the last rung is the full training.
    /// </summary>
    public static Outcome RunPromotions(
        IReadOnlyList<(long Epoch, double Cost)>[] curves, IReadOnlyList<long> epochTime, IReadOnlyList<int> order, int workers, IReadOnlyList<long> rungs, int epochs)
    {
        var asha = new AshaPromotions(MetricGoal.Minimize, rungs.Count + 1, eta: 3);
        var done = new PriorityQueue<(int Trial, int Rung), (long Time, long Sequence)>();
        long sequence = 0, spent = 0;
        var next = 0;
        var idle = workers;
        var finished = 0;
        var best = double.PositiveInfinity;
        // Epochs trained once a trial has reached rung k: up to the report of rungs[k], or everything at the last rung.
        long TrainedAt(int rung) => rung < rungs.Count ? rungs[rung] + 1 : epochs;
        double CostAt(int trial, int rung) => rung < rungs.Count ? curves[trial].First(r => r.Epoch == rungs[rung]).Cost : curves[trial][^1].Cost;

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
                done.Enqueue((trial, rung), (time + length * epochTime[trial], sequence++));
            }
        }

        AskForWork(0);
        while (done.TryDequeue(out var job, out var at))
        {
            var cost = CostAt(job.Trial, job.Rung);
            asha.Report(job.Trial.ToString(CultureInfo.InvariantCulture), job.Rung, cost);
            if (job.Rung == rungs.Count)
            {
                finished++;
                best = Math.Min(best, Loss(cost));
            }

            idle++;
            AskForWork(at.Time);
        }

        return new Outcome(spent, best, finished);
    }
}
