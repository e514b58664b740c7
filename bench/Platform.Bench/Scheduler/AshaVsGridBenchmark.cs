using System.Diagnostics;
using System.Globalization;
using Platform.Contracts.Catalog;
using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Stopping;
using Platform.Workers.Data;
using Platform.Workers.Jobs;

namespace Platform.Bench.Scheduler;

/// <summary>
/// Issue 6: ASHA against grid on real assignment sweeps (<see cref="AshaSweeps.All"/>), each judged by the metric its author
/// declares. Every configuration of a grid is trained once to the end in this process and all its reports kept; grid is those
/// full runs. ASHA is the sweep engine's own rule (<see cref="AsyncSuccessiveHalving"/> with the rungs of
/// <c>early_terminate: {type: hyperband, min_iter: 1000, eta: 3}</c>), and the paper's promotion form
/// (<see cref="AshaPromotions"/>), replayed over the recorded reports for many arrival orders and worker counts. A training
/// is deterministic and the rule sees only the reports, so a replay makes exactly the decisions a live sweep in that order
/// would (one order of each sweep is also run live as a check); what it saves is training each order again, which is what
/// lets the comparison cover 100 orders instead of one lucky one.
/// </summary>
public sealed class AshaVsGridBenchmark(TextWriter output, string dataDirectory)
{
    private const int Orders = 100;
    private static readonly EarlyTerminateSpec Hyperband = new("hyperband", 1000, null, null, 3, false, 0);

    public void Run()
    {
        var total = Stopwatch.StartNew();
        var trained = new Dictionary<SweepGrid, IReadOnlyDictionary<string, List<(long Step, double Value)>>[]>();
        foreach (var sweep in AshaSweeps.All)
        {
            var grid = sweep.Grid;
            var job = JobRegistry.Find(grid.Assignment)!;
            if (!trained.TryGetValue(grid, out var runs))
            {
                var clock = Stopwatch.StartNew();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                // The grid's trainings are independent and deterministic: in parallel, on as many cores as the machine has.
                runs = grid.Configs.AsParallel().AsOrdered().Select(c => Train(job, grid, c, null).Reports).ToArray();
                trained[grid] = runs;
                output.WriteLine($"{grid.Assignment}: {grid.Description} = {grid.Configs.Count} trials of {grid.Steps:N0} {Steps(grid)}; " +
                                 $"trained in {clock.Elapsed.TotalSeconds:N0} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:N0} s CPU (load {CpuMeter.Load()})");
            }

            Compare(sweep, job, runs.Select(r => (IReadOnlyList<(long, double)>)r[sweep.Metric]).ToArray());
        }

        output.WriteLine();
        output.WriteLine($"Whole command: {total.Elapsed.TotalSeconds:N0} s wall, {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:N0} s CPU " +
                         $"on {Environment.ProcessorCount} cores (load {CpuMeter.Load()})");
    }

    private void Compare(AshaSweep sweep, IAssignmentJob job, IReadOnlyList<(long Step, double Value)>[] curves)
    {
        var grid = sweep.Grid;
        var goal = sweep.Goal;
        var rungs = HyperbandRungs.FromWandb(Hyperband).TakeWhile(r => r < grid.Steps).ToArray();
        var stepTime = grid.Configs.Select(grid.StepTime).ToArray();
        var finals = curves.Select(c => c[^1].Value).ToArray();
        var gridBest = finals.Aggregate(double.NaN, (a, b) => AshaReplay.Better(goal, a, b));
        var gridSteps = (long)grid.Configs.Count * grid.Steps;
        double GapOf(double value) => 100 * (AshaReplay.Loss(goal, value) - AshaReplay.Loss(goal, gridBest)) / Math.Abs(gridBest);
        double Gap(AshaReplay.Outcome o) => GapOf(o.Best);
        double Share(AshaReplay.Outcome o) => 100.0 * o.Steps / gridSteps;

        var ranked = finals.Select((f, i) => (f, i)).OrderBy(p => AshaReplay.Loss(goal, p.f)).ToArray();
        var withinOnePercent = ranked.Count(p => GapOf(p.f) <= 1);
        output.WriteLine();
        output.WriteLine($"Sweep {sweep.Name}: rungs at {Steps(grid)} {string.Join(", ", rungs)} (hyperband min_iter 1000, eta 3)");
        output.WriteLine($"  grid: best {gridBest:G6} ({SweepGrid.Label(grid.Configs[ranked[0].i])}), {gridSteps:N0} {Steps(grid)}; " +
                         $"{withinOnePercent} of {grid.Configs.Count} trials end within 1 % of it");
        output.WriteLine("  grid's top 5: " + string.Join(", ", ranked.Take(5).Select(p => $"{SweepGrid.Label(grid.Configs[p.i])} {p.f:G4}")));
        // Why a rule keeps or drops them: where the trials that end within 1 % stand when they reach each rung.
        double At(int trial, long step) => curves[trial].First(r => r.Step == step).Value;
        int RankAt(int trial, long step) => 1 + curves.Count(c => AshaReplay.Loss(goal, c.First(r => r.Step == step).Value) < AshaReplay.Loss(goal, At(trial, step)));
        output.WriteLine($"  rank of grid's top {Math.Min(withinOnePercent, 4)} among {grid.Configs.Count} at each rung (top 1/3 = {grid.Configs.Count / 3}): " + string.Join("; ",
            ranked.Take(Math.Min(withinOnePercent, 4)).Select(p => SweepGrid.Label(grid.Configs[p.i]) + " " +
                string.Join(", ", rungs.Select(r => $"#{RankAt(p.i, r)} ({At(p.i, r):G4})")))));

        // One order as a live sweep with the rule stopping the trainings, to show the replay decides as a live run does.
        var liveOrder = Shuffled(grid.Configs.Count, 1);
        var clock = Stopwatch.StartNew();
        var asha = new AsyncSuccessiveHalving(goal, rungs, eta: 3);
        var live = liveOrder.Select(i => Train(job, grid, grid.Configs[i], (asha, sweep.Metric))).ToArray();
        var liveSteps = live.Sum(r => r.Steps);
        var liveBest = live.Where(r => r.Finished).Select(r => r.Reports[sweep.Metric][^1].Value).Aggregate(double.NaN, (a, b) => AshaReplay.Better(goal, a, b));
        var replayed = AshaReplay.Run(goal, curves, stepTime, liveOrder, workers: 1, rungs, grid.Steps);
        var same = liveSteps == replayed.Steps && liveBest.Equals(replayed.Best);
        output.WriteLine($"  live check, random order 1, one worker: {liveSteps:N0} {Steps(grid)}, best {liveBest:G6} in {clock.Elapsed.TotalSeconds:N0} s; " +
                         $"replay: {replayed.Steps:N0}, best {replayed.Best:G6} -> {(same ? "identical" : "DIFFERENT")}");

        output.WriteLine($"  | sweep | ASHA | workers | best vs grid's: mean / worst | orders within 1 % | {Steps(grid)} vs grid's: mean / worst | " +
                         "orders <= 1/3 | orders meeting both | grid order (gap, share) | reverse order |");
        output.WriteLine("  | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var forms = new (string Name, Func<int[], int, AshaReplay.Outcome> Run)[]
        {
            ("stopping (sweep engine)", (order, workers) => AshaReplay.Run(goal, curves, stepTime, order, workers, rungs, grid.Steps)),
            ("promotion (paper)", (order, workers) => AshaReplay.RunPromotions(goal, curves, stepTime, order, workers, rungs[..^1], grid.Steps)),
        };
        foreach (var (form, replay) in forms)
        foreach (var workers in new[] { 1, 4, 16 })
        {
            var results = Enumerable.Range(1, Orders).Select(seed => replay(Shuffled(grid.Configs.Count, seed), workers)).ToArray();
            var inOrder = replay(Enumerable.Range(0, grid.Configs.Count).ToArray(), workers);
            var reverse = replay(Enumerable.Range(0, grid.Configs.Count).Reverse().ToArray(), workers);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  | {sweep.Name} | {form} | {workers} | {results.Average(Gap):F2} % / {results.Max(Gap):F2} % | {results.Count(o => Gap(o) <= 1)} of {Orders} | " +
                $"{results.Average(Share):F1} % / {results.Max(Share):F1} % | {results.Count(o => Share(o) <= 100.0 / 3)} of {Orders} | " +
                $"{results.Count(o => Gap(o) <= 1 && Share(o) <= 100.0 / 3)} of {Orders} | {Gap(inOrder):F2} %, {Share(inOrder):F1} % | {Gap(reverse):F2} %, {Share(reverse):F1} % |"));
        }
    }

    private static string Steps(SweepGrid grid) => grid.StepKey == "num_epochs" ? "epochs" : "iterations";

    private static int[] Shuffled(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    private TrialResult Train(IAssignmentJob job, SweepGrid grid, IReadOnlyDictionary<string, string> config, (AsyncSuccessiveHalving Rule, string Metric)? asha)
    {
        var values = HyperparameterBinder.Bind(job.Descriptor, new Dictionary<string, string>(config)
        {
            [grid.StepKey] = grid.Steps.ToString(CultureInfo.InvariantCulture),
        });
        using var stop = new CancellationTokenSource();
        var sink = new RungSink(SweepGrid.Label(config), asha, stop);
        try
        {
            job.Run(new JobContext { Hyperparameters = values, Data = new DataDirectory(dataDirectory), Metrics = sink, Cancellation = stop.Token });
            return new TrialResult(true, sink.Reports, grid.Steps);
        }
        catch (OperationCanceledException)
        {
            // Stopped right after the report of step e: e + 1 steps were trained (a report comes before its step's update ends).
            return new TrialResult(false, sink.Reports, sink.Reports[asha!.Value.Metric][^1].Step + 1);
        }
    }

    private sealed record TrialResult(bool Finished, IReadOnlyDictionary<string, List<(long Step, double Value)>> Reports, long Steps);

    /// <summary>Keeps every report of the job and takes the sweep metric's to the rule; a stop cancels the job at its next step.</summary>
    private sealed class RungSink(string trialId, (AsyncSuccessiveHalving Rule, string Metric)? asha, CancellationTokenSource stop) : IMetricSink
    {
        public Dictionary<string, List<(long Step, double Value)>> Reports { get; } = [];

        public void Log(string key, double value, long step)
        {
            if (!Reports.TryGetValue(key, out var reports))
            {
                Reports[key] = reports = [];
            }

            reports.Add((step, value));
            if (asha is { } a && key == a.Metric && a.Rule.Report(new TrialMetricReport(trialId, step, value)).ShouldStop)
            {
                stop.Cancel();
            }
        }
    }
}
