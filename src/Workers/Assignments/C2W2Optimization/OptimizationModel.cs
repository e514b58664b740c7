using System.Numerics;
using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Jobs;
using Platform.Workers.Jobs.Checkpoints;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2W2Optimization;

/// <summary>
/// The optimization notebook's <c>model()</c> (spec §9): He initialisation after seed(3), then per epoch a new
/// random_mini_batches shuffle (seed counter from 10, incremented first), forward, backward (1/m_batch at the output) and
/// the chosen update per mini-batch; the learning rate decays at the end of each epoch when asked. Computes in the options'
/// dtype on <see cref="ParameterArrays{T}"/>; checkpoints and the result are float64 <see cref="ParameterSet"/>s.
/// </summary>
public static class OptimizationModel
{
    public const int ReportPeriod = 1000;
    public const uint InitializationSeed = 3;
    public const uint MiniBatchSeed = 10;

    private const string Velocity = "v";
    private const string Squares = "s";
    private const string AdamStep = "adam_t";
    private const string ShuffleSeed = "shuffle_seed";
    private const string LearningRate = "learning_rate";

    /// <summary>seed(3); W_l = randn(n_l, n_{l-1})·sqrt(2/n_{l-1}); b = 0.</summary>
    public static ParameterSet InitializeParameters(IReadOnlyList<int> layersDims) =>
        ParameterSet.RandomNormal(layersDims, new NumpyRandom(InitializationSeed), (value, fanIn) => value * Math.Sqrt(2.0 / fanIn));

    /// <summary>
    /// Trains and returns the parameters; <paramref name="onReport"/> gets epochs 0, 1000, …. With <paramref name="checkpoints"/>
    /// it resumes from the latest checkpoint (parameters, v, s, Adam's t, the learning rate, the shuffle seed counter and
    /// <paramref name="costs"/>) and saves one after a reported epoch whenever one is due.
    /// </summary>
    public static ParameterSet Train(
        Matrix x, Matrix y, IReadOnlyList<int> layersDims, OptimizationOptions options,
        Action<EpochReport>? onReport = null, CancellationToken cancellation = default,
        JobCheckpoints? checkpoints = null, CostHistory? costs = null) =>
        options.Dtype == Dtype.Float32
            ? Train<float>(x, y, layersDims, options, onReport, cancellation, checkpoints, costs)
            : Train<double>(x, y, layersDims, options, onReport, cancellation, checkpoints, costs);

    private static ParameterSet Train<T>(
        Matrix x, Matrix y, IReadOnlyList<int> layersDims, OptimizationOptions options,
        Action<EpochReport>? onReport, CancellationToken cancellation, JobCheckpoints? checkpoints, CostHistory? costs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var initial = InitializeParameters(layersDims);
        var (initialVelocity, initialSquares) = (initial.ZerosLike(), initial.ZerosLike());
        var m = x.Columns;
        var batchSize = Math.Min(options.MiniBatchSize, m);
        var network = new ReluSigmoidNetwork<T>(layersDims, batchSize);
        var (xs, ys) = (Dtypes.Narrow<T>(x.Data), Dtypes.Narrow<T>(y.Data));
        var batchX = new T[x.Rows * batchSize];
        var batchY = new T[y.Rows * batchSize];
        var ranges = MiniBatches.Ranges(m, options.MiniBatchSize);
        var seed = MiniBatchSeed;
        var learningRate = options.LearningRate;
        var t = 0;
        var firstEpoch = 0;
        if (checkpoints?.TryLoadLatest() is { } resumed)
        {
            resumed.RestoreParameters(TrainingCheckpoint.Parameters, initial);
            resumed.RestoreParameters(Velocity, initialVelocity);
            resumed.RestoreParameters(Squares, initialSquares);
            t = (int)resumed.Integer(AdamStep);
            seed = (uint)resumed.Integer(ShuffleSeed);
            learningRate = resumed.Double(LearningRate);
            if (costs is not null)
            {
                resumed.RestoreCosts(costs);
            }

            firstEpoch = checked((int)resumed.Step + 1);
        }

        var parameters = ParameterArrays<T>.From(initial);
        var velocity = ParameterArrays<T>.From(initialVelocity);
        var squares = ParameterArrays<T>.From(initialSquares);
        var gradients = parameters.ZerosLike();
        for (var epoch = firstEpoch; epoch < options.NumEpochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            seed++;
            var order = MiniBatches.Order(m, seed);
            // The cost feeds only the report, so it is computed only in the epochs that report it.
            var reporting = epoch % ReportPeriod == 0;
            var costTotal = 0.0;
            var lastMinibatchCost = 0.0;
            foreach (var (start, count) in ranges)
            {
                var batchXs = batchX.AsSpan(0, x.Rows * count);
                var batchYs = batchY.AsSpan(0, y.Rows * count);
                MiniBatches.Gather<T>(xs, x.Rows, order, start, count, batchXs);
                MiniBatches.Gather<T>(ys, y.Rows, order, start, count, batchYs);
                network.Forward(parameters, batchXs, count);
                if (reporting)
                {
                    var sum = double.CreateChecked(network.CrossEntropySum(batchYs));
                    costTotal += sum;
                    lastMinibatchCost = 1.0 / count * sum;
                }

                network.Backward(parameters, batchXs, batchYs, gradients);
                switch (options.Optimizer)
                {
                    case "gd":
                        Optimizers.GradientDescent(parameters, gradients, learningRate);
                        break;
                    case "momentum":
                        Optimizers.Momentum(parameters, gradients, velocity, options.Beta, learningRate);
                        break;
                    default:
                        t++;
                        Optimizers.Adam(parameters, gradients, velocity, squares, t, learningRate, options.Beta1, options.Beta2, options.Epsilon);
                        break;
                }
            }

            learningRate = options.DecayedLearningRate(epoch);
            if (reporting)
            {
                var reported = parameters.ToParameterSet(); // one copy for the report and a checkpoint
                onReport?.Invoke(new EpochReport(epoch, costTotal / m, lastMinibatchCost, learningRate, reported));
                checkpoints?.SaveIfDue(() =>
                {
                    var checkpoint = new CheckpointData(epoch).PutParameters(TrainingCheckpoint.Parameters, reported)
                        .PutParameters(Velocity, velocity.ToParameterSet()).PutParameters(Squares, squares.ToParameterSet())
                        .Put(AdamStep, t).Put(ShuffleSeed, seed).Put(LearningRate, learningRate);
                    return costs is null ? checkpoint : checkpoint.PutCosts(costs);
                });
            }
        }

        return parameters.ToParameterSet();
    }
}
