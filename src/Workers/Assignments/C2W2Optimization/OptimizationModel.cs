using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Jobs;
using Platform.Workers.Jobs.Checkpoints;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2W2Optimization;

/// <summary>
/// The optimization notebook's <c>model()</c> (spec §9): He initialisation after seed(3), then per epoch a new
/// random_mini_batches shuffle (seed counter from 10, incremented first), forward, backward (1/m_batch at the output) and
/// the chosen update per mini-batch; the learning rate decays at the end of each epoch when asked.
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
        JobCheckpoints? checkpoints = null, CostHistory? costs = null)
    {
        var parameters = InitializeParameters(layersDims);
        var gradients = parameters.ZerosLike();
        var velocity = parameters.ZerosLike();
        var squares = parameters.ZerosLike();
        var m = x.Columns;
        var batchSize = Math.Min(options.MiniBatchSize, m);
        var network = new ReluSigmoidNetwork(layersDims, batchSize);
        var batchX = new double[x.Rows * batchSize];
        var batchY = new double[y.Rows * batchSize];
        var ranges = MiniBatches.Ranges(m, options.MiniBatchSize);
        var seed = MiniBatchSeed;
        var learningRate = options.LearningRate;
        var t = 0;
        var firstEpoch = 0;
        if (checkpoints?.TryLoadLatest() is { } resumed)
        {
            resumed.RestoreParameters(TrainingCheckpoint.Parameters, parameters);
            resumed.RestoreParameters(Velocity, velocity);
            resumed.RestoreParameters(Squares, squares);
            t = (int)resumed.Integer(AdamStep);
            seed = (uint)resumed.Integer(ShuffleSeed);
            learningRate = resumed.Double(LearningRate);
            if (costs is not null)
            {
                resumed.RestoreCosts(costs);
            }

            firstEpoch = checked((int)resumed.Step + 1);
        }

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
                var xs = batchX.AsSpan(0, x.Rows * count);
                var ys = batchY.AsSpan(0, y.Rows * count);
                MiniBatches.Gather(x, order, start, count, xs);
                MiniBatches.Gather(y, order, start, count, ys);
                network.Forward(parameters, xs, count);
                if (reporting)
                {
                    var sum = network.CrossEntropySum(ys);
                    costTotal += sum;
                    lastMinibatchCost = 1.0 / count * sum;
                }

                network.Backward(parameters, xs, ys, gradients);
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
                onReport?.Invoke(new EpochReport(epoch, costTotal / m, lastMinibatchCost, learningRate));
                checkpoints?.SaveIfDue(() =>
                {
                    var checkpoint = new CheckpointData(epoch).PutParameters(TrainingCheckpoint.Parameters, parameters)
                        .PutParameters(Velocity, velocity).PutParameters(Squares, squares)
                        .Put(AdamStep, t).Put(ShuffleSeed, seed).Put(LearningRate, learningRate);
                    return costs is null ? checkpoint : checkpoint.PutCosts(costs);
                });
            }
        }

        return parameters;
    }
}
