using System.Diagnostics;
using Platform.Contracts.Catalog;
using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Stopping;
using Platform.Workers.Data;
using Platform.Workers.Jobs;

namespace Platform.Bench.Scheduler;

/// <summary>
/// Issue 6: ASHA against grid on a real assignment sweep, <c>c2w2-optimization</c> (optimizer × learning rate, 10,000 epochs,
/// metric <c>cost</c> minimized). Grid trains every trial to the end; ASHA (the sweep engine's own rule, rungs at epochs
/// 1000, 3000, 9000, eta 3) trains them in the same order as one worker would and stops each as soon as the rule says so.
/// Prints the best final cost each found and the epochs each spent.
/// </summary>
public sealed class AshaVsGridBenchmark(TextWriter output)
{
    private const int Epochs = 10_000;
    private static readonly string[] Optimizers = ["gd", "momentum", "adam"];
    private static readonly string[] LearningRates = ["0.0007", "0.003", "0.01", "0.03", "0.1"];

    public void Run()
    {
        var job = JobRegistry.Find("c2w2-optimization")!;
        var grid = Optimizers.SelectMany(o => LearningRates.Select(lr => (Optimizer: o, LearningRate: lr))).ToArray();

        var clock = Stopwatch.StartNew();
        var full = grid.Select(t => Train(job, t.Optimizer, t.LearningRate, null)).ToArray();
        var gridTime = clock.Elapsed;
        var gridBest = full.Where(r => r.Finished).MinBy(r => r.FinalCost)!;
        var gridEpochs = full.Sum(r => (long)r.Epochs);
        output.WriteLine($"ASHA vs grid: c2w2-optimization, optimizer {{{string.Join(", ", Optimizers)}}} × learning_rate {{{string.Join(", ", LearningRates)}}}, {Epochs:N0} epochs, metric cost (minimize)");
        output.WriteLine($"  grid: best cost {gridBest.FinalCost:F6} ({gridBest.Name}), {gridEpochs:N0} epochs, {gridTime.TotalSeconds:N0} s");

        // One worker takes trials one after another. In grid order (worst learning rate first) every new trial is the best
        // so far at its rungs, the worst case for ASHA; a sweep that samples visits them in random order.
        var random = new Random(6);
        var orders = new[] { ("grid order", grid), ("shuffled (seed 6)", grid.OrderBy(_ => random.Next()).ToArray()) };
        foreach (var (order, trials) in orders)
        {
            clock.Restart();
            var asha = new AsyncSuccessiveHalving(MetricGoal.Minimize, [1000, 3000, 9000], eta: 3);
            var halved = trials.Select(t => Train(job, t.Optimizer, t.LearningRate, asha)).ToArray();
            var ashaBest = halved.Where(r => r.Finished).MinBy(r => r.FinalCost)!;
            var ashaEpochs = halved.Sum(r => (long)r.Epochs);
            output.WriteLine($"  ASHA, {order}: best cost {ashaBest.FinalCost:F6} ({ashaBest.Name}), {ashaEpochs:N0} epochs, {clock.Elapsed.TotalSeconds:N0} s; " +
                             $"{halved.Count(r => r.Finished)} of {grid.Length} trials ran to the end");
            output.WriteLine($"    best within {100 * (ashaBest.FinalCost - gridBest.FinalCost) / gridBest.FinalCost:N2} % of grid's (target <= 1 %), " +
                             $"using {100.0 * ashaEpochs / gridEpochs:N1} % of its epochs (target <= 33.3 %)");
            output.WriteLine("    " + string.Join(", ", halved.Select(r => $"{r.Name}: {(r.Finished ? r.FinalCost.ToString("F4", System.Globalization.CultureInfo.InvariantCulture) : $"pruned@{r.Epochs}")}")));
        }

        output.WriteLine("  grid's final costs: " + string.Join(", ", full.Select(r => $"{r.Name}: {r.FinalCost:F4}")));
    }

    private static TrialResult Train(IAssignmentJob job, string optimizer, string learningRate, AsyncSuccessiveHalving? asha)
    {
        var name = $"{optimizer} lr={learningRate}";
        var values = HyperparameterBinder.Bind(job.Descriptor, new Dictionary<string, string>
        {
            ["optimizer"] = optimizer, ["learning_rate"] = learningRate, ["num_epochs"] = Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var stop = new CancellationTokenSource();
        var sink = new RungSink(name, asha, stop);
        try
        {
            job.Run(new JobContext { Hyperparameters = values, Data = new DataDirectory(Path.GetTempPath()), Metrics = sink, Cancellation = stop.Token });
            return new TrialResult(name, true, sink.LastCost, Epochs);
        }
        catch (OperationCanceledException)
        {
            // Stopped right after the report of epoch e: e + 1 epochs were trained.
            return new TrialResult(name, false, sink.LastCost, (int)sink.LastEpoch + 1);
        }
    }

    private sealed record TrialResult(string Name, bool Finished, double FinalCost, int Epochs);

    /// <summary>Takes the job's <c>cost</c> reports to the rule; a stop cancels the job at its next epoch.</summary>
    private sealed class RungSink(string trialId, AsyncSuccessiveHalving? asha, CancellationTokenSource stop) : IMetricSink
    {
        public double LastCost { get; private set; } = double.NaN;

        public long LastEpoch { get; private set; }

        public void Log(string key, double value, long step)
        {
            if (key != "cost")
            {
                return;
            }

            (LastCost, LastEpoch) = (value, step);
            if (asha?.Report(new TrialMetricReport(trialId, step, value)).ShouldStop == true)
            {
                stop.Cancel();
            }
        }
    }
}
