using System.Globalization;
using Platform.Contracts.Catalog.Assignments;
using Platform.Contracts.Sweeps;

namespace Platform.Bench.Scheduler;

/// <summary>
/// A grid of one assignment's configurations, trained once to the end: <see cref="StepKey"/> is the hyperparameter that sets
/// the length (epochs or iterations), and <see cref="StepTime"/> what one step costs a worker (so that trials of different
/// cost reach rungs out of start order).
/// </summary>
internal sealed record SweepGrid(
    string Assignment, string StepKey, int Steps, IReadOnlyList<IReadOnlyDictionary<string, string>> Configs,
    Func<IReadOnlyDictionary<string, string>, long> StepTime, string Description)
{
    public static string Label(IReadOnlyDictionary<string, string> config) => string.Join(" ", config.Select(p => $"{p.Key}={p.Value}"));
}

/// <summary>A sweep as its author declares it: a grid and the metric (with its goal) the assignment is judged by.</summary>
internal sealed record AshaSweep(SweepGrid Grid, string Metric, MetricGoal Goal)
{
    public string Name => $"{Grid.Assignment} {Metric} ({(Goal == MetricGoal.Minimize ? "min" : "max")})";
}

/// <summary>
/// The sweeps the ASHA-against-grid benchmark compares on: the grids of examples/sweeps/optimization-asha.yaml and
/// regularization-l2-asha.yaml (plus its dropout twin, interleaved per learning rate).
/// </summary>
internal static class AshaSweeps
{
    /// <summary>
    /// c2w2-optimization: optimizer × learning rate × mini-batch size, 10,000 epochs (the 2017 notebook's length). An epoch
    /// costs its mini-batches: 5 at size 64, 3 at 128 (300 examples).
    /// </summary>
    public static SweepGrid Optimization { get; } = new(
        C2W2Optimization.Id, "num_epochs", 10_000,
        (from optimizer in new[] { "gd", "momentum", "adam" }
         from learningRate in new[] { "0.0003", "0.0007", "0.001", "0.003", "0.007", "0.01", "0.03", "0.1" }
         from miniBatch in new[] { "64", "128" }
         select (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
         {
             ["optimizer"] = optimizer, ["learning_rate"] = learningRate, ["mini_batch_size"] = miniBatch,
         }).ToArray(),
        config => (long)Math.Ceiling(300.0 / int.Parse(config["mini_batch_size"], CultureInfo.InvariantCulture)),
        "optimizer {gd, momentum, adam} × learning_rate {0.0003, 0.0007, 0.001, 0.003, 0.007, 0.01, 0.03, 0.1} × mini_batch_size {64, 128}");

    /// <summary>
    /// c2w1-regularization: learning rate × (lambd with keep_prob 1, or keep_prob with lambd 0: the notebook never combines L2
    /// with dropout and the catalog refuses it, so the grid is two lines, as a sweep author would write two grids), 30,000
    /// full-batch iterations. Every iteration costs the same (one pass over the 211 examples).
    /// </summary>
    public static SweepGrid Regularization { get; } = new(
        C2W1Regularization.Id, "num_iterations", 30_000,
        (from learningRate in new[] { "0.03", "0.1", "0.3" }
         from regularizer in new[] { "0", "0.01", "0.03", "0.1", "0.3", "0.7", "1", "3" }.Select(l => ("lambd", l))
             .Concat(new[] { "0.5", "0.6", "0.7", "0.8", "0.86", "0.9", "0.95" }.Select(k => ("keep_prob", k)))
         select (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
         {
             ["learning_rate"] = learningRate, [regularizer.Item1] = regularizer.Item2,
         }).ToArray(),
        _ => 1,
        "learning_rate {0.03, 0.1, 0.3} × (lambd {0, 0.01, 0.03, 0.1, 0.3, 0.7, 1, 3} ∪ keep_prob {0.5, 0.6, 0.7, 0.8, 0.86, 0.9, 0.95})");

    /// <summary>
    /// What each assignment is judged by (spec: the optimization notebook compares train accuracy per optimizer, the moons
    /// having no test set; the regularization notebook, test accuracy), next to the optimization cost sweep. Regularization
    /// cost is not a sweep metric: it includes the L2 term, so it is not comparable across lambd.
    /// </summary>
    public static IReadOnlyList<AshaSweep> All { get; } =
    [
        new(Optimization, "cost", MetricGoal.Minimize),
        new(Optimization, "train_accuracy", MetricGoal.Maximize),
        new(Regularization, "test_accuracy", MetricGoal.Maximize),
    ];
}
