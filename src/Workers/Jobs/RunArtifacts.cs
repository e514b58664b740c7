using Platform.Workers.Numerics;
using Platform.Workers.Plots;

namespace Platform.Workers.Jobs;

/// <summary>
/// The artifacts of a training run (issue 3): <c>cost.png</c> (the cost curve), <c>decision_boundary.png</c> for the 2-D
/// datasets and <c>parameters.npz</c> (the learned parameters by name and shape).
/// </summary>
public static class RunArtifacts
{
    public const string CostCurve = "cost.png";
    public const string DecisionBoundary = "decision_boundary.png";
    public const string Parameters = "parameters.npz";

    public static void LogCostCurve(JobContext context, CostHistory costs, string title) =>
        context.Outputs.SaveArtifact(CostCurve, LinePlot.Png(costs.Points, title, costs.StepName, "cost"));

    /// <param name="x">the data as the notebooks hold it: 2 rows (features) × m columns, row-major</param>
    /// <param name="y">m labels, 0 or 1</param>
    /// <param name="predict">the model's predictions for points given as (x1s, x2s)</param>
    public static void LogDecisionBoundary(
        JobContext context, ReadOnlySpan<double> x, ReadOnlySpan<double> y, Func<double[], double[], double[]> predict, string title)
    {
        var m = y.Length;
        context.Outputs.SaveArtifact(DecisionBoundary, DecisionBoundaryPlot.Png(x[..m].ToArray(), x.Slice(m, m).ToArray(), y.ToArray(), predict, title));
    }

    public static void LogParameters(JobContext context, IEnumerable<NamedArray> parameters) =>
        context.Outputs.SaveArtifact(Parameters, Npz.Write(parameters));
}

/// <summary>Logs the <c>cost</c> metric and keeps its points for the cost curve.</summary>
public sealed class CostHistory(IMetricSink metrics, string stepName = "iteration")
{
    private readonly List<(double, double)> points = [];

    public string StepName => stepName;

    public IReadOnlyList<(double X, double Y)> Points => points;

    public void Log(int step, double cost)
    {
        metrics.Log("cost", cost, step);
        points.Add((step, cost));
    }

    /// <summary>Takes back the points an earlier attempt logged (from its checkpoint) without logging them again.</summary>
    public void Restore(IReadOnlyList<double> steps, IReadOnlyList<double> costs)
    {
        points.Clear();
        points.AddRange(steps.Zip(costs));
    }
}
