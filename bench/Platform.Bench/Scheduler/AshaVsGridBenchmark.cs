using System.Diagnostics;
using System.Globalization;
using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Stopping;
using Platform.Workers.Data;
using Platform.Workers.Jobs;

namespace Platform.Bench.Scheduler;

/// <summary>
/// Issue 6: ASHA against grid on a real assignment sweep, <c>c2w2-optimization</c> (optimizer × learning rate × mini-batch
/// size, 10,000 epochs, metric <c>cost</c> minimized). Every configuration is trained once to the end in this process and its
/// <c>cost</c> reports are kept; grid is those full runs. ASHA is the sweep engine's own rule (<see cref="AsyncSuccessiveHalving"/>
/// with the rungs of <c>early_terminate: {type: hyperband, min_iter: 1000, eta: 3}</c>), replayed over the recorded reports
/// for many arrival orders and worker counts. A training is deterministic and the rule sees only the reports, so a replay
/// makes exactly the decisions a live sweep in that order would (one order is also run live as a check); what it saves is
/// training each order again, which is what lets the comparison cover 100 orders instead of one lucky one.
/// </summary>
public sealed class AshaVsGridBenchmark(TextWriter output)
{
    private const int Epochs = 10_000;
    private const int Orders = 100;
    private static readonly string[] Optimizers = ["gd", "momentum", "adam"];
    private static readonly string[] LearningRates = ["0.0003", "0.0007", "0.001", "0.003", "0.007", "0.01", "0.03", "0.1"];
    private static readonly string[] MiniBatchSizes = ["64", "128"];
    private static readonly IReadOnlyList<long> Rungs = HyperbandRungs.FromWandb(new EarlyTerminateSpec("hyperband", 1000, null, null, 3, false, 0))
        .TakeWhile(r => r < Epochs).ToArray();

    public void Run()
    {
        var job = JobRegistry.Find("c2w2-optimization")!;
        var grid = (from o in Optimizers from lr in LearningRates from mb in MiniBatchSizes select new Config(o, lr, mb)).ToArray();
        output.WriteLine($"ASHA vs grid: c2w2-optimization, optimizer {{{string.Join(", ", Optimizers)}}} × learning_rate {{{string.Join(", ", LearningRates)}}} × " +
                         $"mini_batch_size {{{string.Join(", ", MiniBatchSizes)}}} = {grid.Length} trials, {Epochs:N0} epochs, metric cost (minimize)");
        output.WriteLine($"  ASHA: the sweep engine's AsyncSuccessiveHalving, rungs at epochs {string.Join(", ", Rungs)} (hyperband min_iter 1000, eta 3)");

        var clock = Stopwatch.StartNew();
        var curves = grid.Select(c => Train(job, c, null).Reports).ToArray();
        var gridTime = clock.Elapsed;
        // What an epoch costs a worker, in mini-batches (300 examples): trials of different sizes reach rungs out of start order.
        var epochTime = grid.Select(c => (long)Math.Ceiling(300.0 / int.Parse(c.MiniBatchSize, CultureInfo.InvariantCulture))).ToArray();
        var finals = curves.Select(c => c[^1].Cost).ToArray();
        var gridBest = finals.Select(AshaReplay.Loss).Min();
        var gridEpochs = (long)grid.Length * Epochs;
        var bestIndex = Array.IndexOf(finals, finals.MinBy(AshaReplay.Loss));
        output.WriteLine($"  grid: best cost {gridBest:F6} ({grid[bestIndex]}), {gridEpochs:N0} epochs, trained in {gridTime.TotalSeconds:N0} s (load {CpuMeter.Load()})");
        var ranked = finals.Select((f, i) => (f, i)).OrderBy(p => AshaReplay.Loss(p.f)).Take(5);
        output.WriteLine("  grid's top 5: " + string.Join(", ", ranked.Select(p => $"{grid[p.i]} {p.f:F4}")));

        // The same order as a live sweep with the rule stopping the trainings, to show the replay decides as a live run does.
        var liveOrder = Shuffled(grid.Length, 1);
        clock.Restart();
        var asha = new AsyncSuccessiveHalving(MetricGoal.Minimize, Rungs, eta: 3);
        var live = liveOrder.Select(i => Train(job, grid[i], asha)).ToArray();
        var liveTime = clock.Elapsed;
        var replayed = AshaReplay.Run(curves, epochTime, liveOrder, workers: 1, Rungs, Epochs);
        var liveSame = live.Sum(r => r.Epochs) == replayed.Epochs && BestOf(live) == replayed.BestCost;
        output.WriteLine($"  live check, random order 1, one worker: {live.Sum(r => r.Epochs):N0} epochs, best {BestOf(live):F6} in {liveTime.TotalSeconds:N0} s; " +
                         $"replay: {replayed.Epochs:N0} epochs, best {replayed.BestCost:F6} -> {(liveSame ? "identical" : "DIFFERENT")}");

        output.WriteLine($"  ASHA over {Orders} random arrival orders (seeds 1..{Orders}), and the grid order (worst learning rate first) and its reverse:");
        output.WriteLine("  | ASHA | workers | best vs grid's: mean / worst | orders within 1 % | epochs vs grid's: mean / worst | orders <= 1/3 | orders meeting both | grid order (gap, epochs) | reverse order |");
        output.WriteLine("  | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var forms = new (string Name, Func<int[], int, AshaReplay.Outcome> Run)[]
        {
            ("stopping (sweep engine)", (order, workers) => AshaReplay.Run(curves, epochTime, order, workers, Rungs, Epochs)),
            ("promotion (paper)", (order, workers) => AshaReplay.RunPromotions(curves, epochTime, order, workers, Rungs.Take(Rungs.Count - 1).ToArray(), Epochs)),
        };
        foreach (var (form, replay) in forms)
        foreach (var workers in new[] { 1, 4, 16 })
        {
            var results = Enumerable.Range(1, Orders).Select(seed => replay(Shuffled(grid.Length, seed), workers)).ToArray();
            double Gap(AshaReplay.Outcome o) => 100 * (o.BestCost - gridBest) / gridBest;
            double Share(AshaReplay.Outcome o) => 100.0 * o.Epochs / gridEpochs;
            var inOrder = replay(Enumerable.Range(0, grid.Length).ToArray(), workers);
            var reverse = replay(Enumerable.Range(0, grid.Length).Reverse().ToArray(), workers);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  | {form} | {workers} | {results.Average(Gap):F2} % / {results.Max(Gap):F2} % | {results.Count(o => Gap(o) <= 1)} of {Orders} | " +
                $"{results.Average(Share):F1} % / {results.Max(Share):F1} % | {results.Count(o => Share(o) <= 100.0 / 3)} of {Orders} | " +
                $"{results.Count(o => Gap(o) <= 1 && Share(o) <= 100.0 / 3)} of {Orders} | {Gap(inOrder):F2} %, {Share(inOrder):F1} % | {Gap(reverse):F2} %, {Share(reverse):F1} % |"));
        }
    }

    private static double BestOf(IEnumerable<TrialResult> results) =>
        results.Where(r => r.Finished).Select(r => r.Reports[^1].Cost).MinBy(AshaReplay.Loss);

    private static int[] Shuffled(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    private static TrialResult Train(IAssignmentJob job, Config config, AsyncSuccessiveHalving? asha)
    {
        var values = Bind(job, config);
        using var stop = new CancellationTokenSource();
        var sink = new RungSink(config.ToString(), asha, stop);
        try
        {
            job.Run(new JobContext { Hyperparameters = values, Data = new DataDirectory(Path.GetTempPath()), Metrics = sink, Cancellation = stop.Token });
            return new TrialResult(true, sink.Reports, Epochs);
        }
        catch (OperationCanceledException)
        {
            // Stopped right after the report of epoch e: e + 1 epochs were trained.
            return new TrialResult(false, sink.Reports, (int)sink.Reports[^1].Epoch + 1);
        }
    }

    private static Platform.Contracts.Catalog.HyperparameterValues Bind(IAssignmentJob job, Config config) =>
        Platform.Contracts.Catalog.HyperparameterBinder.Bind(job.Descriptor, new Dictionary<string, string>
        {
            ["optimizer"] = config.Optimizer, ["learning_rate"] = config.LearningRate, ["mini_batch_size"] = config.MiniBatchSize,
            ["num_epochs"] = Epochs.ToString(CultureInfo.InvariantCulture),
        });

    private sealed record Config(string Optimizer, string LearningRate, string MiniBatchSize)
    {
        public override string ToString() => $"{Optimizer} lr={LearningRate} mb={MiniBatchSize}";
    }

    private sealed record TrialResult(bool Finished, IReadOnlyList<(long Epoch, double Cost)> Reports, int Epochs);

    /// <summary>Keeps the job's <c>cost</c> reports and takes them to the rule; a stop cancels the job at its next epoch.</summary>
    private sealed class RungSink(string trialId, AsyncSuccessiveHalving? asha, CancellationTokenSource stop) : IMetricSink
    {
        public List<(long Epoch, double Cost)> Reports { get; } = [];

        public void Log(string key, double value, long step)
        {
            if (key != "cost")
            {
                return;
            }

            Reports.Add((step, value));
            if (asha?.Report(new TrialMetricReport(trialId, step, value)).ShouldStop == true)
            {
                stop.Cancel();
            }
        }
    }
}
