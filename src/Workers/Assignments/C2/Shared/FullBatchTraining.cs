using System.Numerics;
using Microsoft.Extensions.Logging;
using Platform.Workers.Jobs;
using Platform.Workers.Jobs.Checkpoints;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2.Shared;

/// <summary>How one full-batch gradient-descent training is regularised (spec §6, §7), and the element type it computes in.</summary>
public sealed record FullBatchOptions(
    int NumIterations,
    double LearningRate,
    int CostPeriod = 1000,
    GradientScaling Scaling = GradientScaling.AtOutput,
    double Lambd = 0,
    double KeepProb = 1,
    Dtype Dtype = Dtype.Float64);

/// <summary>
/// The C2W1 <c>model()</c> loop: forward (with dropout when keep_prob &lt; 1), cost, backward (with L2 when lambd ≠ 0),
/// θ ← θ - learning_rate·dθ. The cost feeds nothing but the log, so it is computed only at the iterations that log it.
/// Parameters come in and go out as float64 <see cref="ParameterSet"/>s; the loop runs on <see cref="ParameterArrays{T}"/>
/// in the options' dtype.
/// </summary>
public static class FullBatchTraining
{
    /// <param name="firstIteration">where to start: 0, or the iteration after a checkpoint's (with its parameters as <paramref name="initial"/>)</param>
    /// <param name="afterCostIteration">called after the update of each iteration that logged a cost (a consistent point to checkpoint)</param>
    /// <param name="atCostIteration">called at each iteration that logs a cost, with the parameters that cost was computed from
    /// (before that iteration's update), so that other metrics of the same step describe the same model</param>
    public static ParameterSet Train(
        ParameterSet initial, Matrix x, Matrix y, FullBatchOptions options,
        Action<int, double>? onCost = null, CancellationToken cancellation = default,
        int firstIteration = 0, Action<int, ParameterSet>? afterCostIteration = null, Action<int, ParameterSet>? atCostIteration = null) =>
        options.Dtype == Dtype.Float32
            ? Train<float>(initial, x, y, options, onCost, cancellation, firstIteration, afterCostIteration, atCostIteration)
            : Train<double>(initial, x, y, options, onCost, cancellation, firstIteration, afterCostIteration, atCostIteration);

    /// <summary>
    /// <see cref="Train"/> as a job runs it: resumes from the run's latest checkpoint when there is one (its parameters and
    /// cost history, continuing after its iteration) and saves one after a cost iteration whenever one is due.
    /// <paramref name="atCostIteration"/> is <see cref="Train"/>'s.
    /// </summary>
    public static ParameterSet TrainWithCheckpoints(
        JobContext context, ParameterSet initial, Matrix x, Matrix y, FullBatchOptions options, CostHistory costs,
        Action<int, ParameterSet>? atCostIteration = null)
    {
        var start = initial.Clone();
        var firstIteration = 0;
        if (context.Checkpoints.TryLoadLatest() is { } resumed)
        {
            resumed.RestoreParameters(TrainingCheckpoint.Parameters, start);
            resumed.RestoreCosts(costs);
            firstIteration = checked((int)resumed.Step + 1);
            context.Log.LogInformation("Resuming from the checkpoint after iteration {Iteration}", resumed.Step);
        }

        return Train(start, x, y, options, costs.Log, context.Cancellation, firstIteration,
            (i, parameters) => context.Checkpoints.SaveIfDue(() => new CheckpointData(i).PutParameters(TrainingCheckpoint.Parameters, parameters).PutCosts(costs)),
            atCostIteration);
    }

    /// <summary>1./m·nansum(CE) plus, when lambd ≠ 0, (1./m·lambd/2)·Σ_l ‖W_l‖²_F (<c>compute_cost_with_regularization</c>), in T.</summary>
    public static double Cost<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, ParameterArrays<T> parameters, double lambd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var inverseM = T.One / T.CreateChecked(y.Length);
        var crossEntropy = inverseM * ReluSigmoidNetwork<T>.CrossEntropySum(output, y);
        if (lambd == 0)
        {
            return double.CreateChecked(crossEntropy);
        }

        var squares = T.Zero;
        foreach (var w in parameters.W)
        {
            squares += SpanMath.Dot<T>(w, w);
        }

        return double.CreateChecked(crossEntropy + inverseM * T.CreateChecked(lambd) / T.CreateChecked(2) * squares);
    }

    private static ParameterSet Train<T>(
        ParameterSet initial, Matrix x, Matrix y, FullBatchOptions options,
        Action<int, double>? onCost, CancellationToken cancellation, int firstIteration, Action<int, ParameterSet>? afterCostIteration,
        Action<int, ParameterSet>? atCostIteration)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parameters = ParameterArrays<T>.From(initial);
        var gradients = parameters.ZerosLike();
        var (xs, ys) = (Dtypes.Narrow<T>(x.Data), Dtypes.Narrow<T>(y.Data));
        var lambd = T.CreateChecked(options.Lambd);
        var network = new ReluSigmoidNetwork<T>(initial.LayerDims, x.Columns);
        // Drawn from their own seed, not a running stream: a resumed training draws the same masks.
        var dropout = options.KeepProb < 1 ? Dropout<T>.Draw(initial.LayerDims, x.Columns, options.KeepProb) : null;
        for (var i = firstIteration; i < options.NumIterations; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            network.Forward(parameters, xs, x.Columns, dropout);
            if (i % options.CostPeriod == 0)
            {
                onCost?.Invoke(i, Cost<T>(network.Output, ys, parameters, options.Lambd));
                atCostIteration?.Invoke(i, parameters.ToParameterSet());
            }

            network.Backward(parameters, xs, ys, gradients, options.Scaling, lambd, dropout);
            Optimizers.GradientDescent(parameters, gradients, options.LearningRate);
            if (i % options.CostPeriod == 0)
            {
                afterCostIteration?.Invoke(i, parameters.ToParameterSet());
            }
        }

        return parameters.ToParameterSet();
    }
}
