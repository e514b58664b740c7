using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Data;
using Platform.Workers.Jobs;
using Platform.Workers.Numerics;
using RegularizationAssignment = Platform.Contracts.Catalog.Assignments.C2W1Regularization;

namespace Platform.Workers.Assignments.C2W1Regularization;

/// <summary>
/// c2w1-regularization (spec §7): the [2, 20, 3, 1] relu network on the 2-D data set, full-batch gradient descent with no
/// regularisation, L2 (lambd &gt; 0) or dropout (keep_prob &lt; 1) — never both, as the notebook asserts. Logs <c>cost</c>
/// every 1000 iterations (the notebook records every 1000 and prints every 10000), <c>train_accuracy</c> and
/// <c>test_accuracy</c> at the same iterations (of the parameters that cost was computed from: a sweep that judges trials by
/// test accuracy needs it at its early-stopping rungs; cost is not comparable across lambd, which it includes) and at the
/// end (step = num_iterations, the notebook's figures), and the artifacts of <see cref="ClassifierArtifacts"/>. Plain arrays
/// on the CPU in the run's dtype (float64 by default).
/// </summary>
public sealed class C2W1RegularizationJob : IAssignmentJob
{
    public const string TrainFile = "regularization_2d/train.csv";
    public const string TestFile = "regularization_2d/test.csv";
    public const uint InitializationSeed = 3;
    public static readonly int[] LayersDims = [2, 20, 3, 1];

    public AssignmentDescriptor Descriptor => RegularizationAssignment.Descriptor;

    /// <summary>seed(3); W_l = randn(n_l, n_{l-1}) / sqrt(n_{l-1}); b = 0.</summary>
    public static ParameterSet InitializeParameters(IReadOnlyList<int> layersDims) =>
        ParameterSet.RandomNormal(layersDims, new NumpyRandom(InitializationSeed), (value, fanIn) => value / Math.Sqrt(fanIn));

    /// <summary>
    /// The notebook's model() options: its plain backward when neither is used (1/m at the output), the with_regularization
    /// or with_dropout backward otherwise (1/m at the weights). The catalog refuses lambd and keep_prob together.
    /// </summary>
    public static FullBatchOptions Options(int numIterations, double learningRate, double lambd, double keepProb, Dtype dtype = Dtype.Float64)
    {
        var scaling = lambd == 0 && keepProb == 1 ? GradientScaling.AtOutput : GradientScaling.AtWeights;
        return new FullBatchOptions(numIterations, learningRate, Scaling: scaling, Lambd: lambd, KeepProb: keepProb, Dtype: dtype);
    }

    public void Run(JobContext context)
    {
        var hyperparameters = context.Hyperparameters;
        var numIterations = hyperparameters.GetInt("num_iterations");
        var options = Options(
            numIterations, hyperparameters.GetDouble("learning_rate"), hyperparameters.GetDouble("lambd"), hyperparameters.GetDouble("keep_prob"),
            Dtypes.Parse(hyperparameters.GetString(DtypeHyperparameter.Name)));
        var (trainX, trainY) = LabelledPointsCsv.Read(context.Data.File(TrainFile));
        var (testX, testY) = LabelledPointsCsv.Read(context.Data.File(TestFile));

        var costs = new CostHistory(context.Metrics);
        void LogAccuracies(int step, ParameterSet parameters)
        {
            context.Metrics.Log("train_accuracy", BinaryClassifier.Accuracy(parameters, trainX, trainY, options.Dtype), step);
            context.Metrics.Log("test_accuracy", BinaryClassifier.Accuracy(parameters, testX, testY, options.Dtype), step);
        }

        var parameters = FullBatchTraining.TrainWithCheckpoints(context, InitializeParameters(LayersDims), trainX, trainY, options, costs, LogAccuracies);

        LogAccuracies(numIterations, parameters);
        var title = options.Lambd != 0 ? "Model with L2-regularization" : options.KeepProb < 1 ? "Model with dropout" : "Model without regularization";
        ClassifierArtifacts.Log(context, costs, parameters, trainX, trainY, title, options.Dtype);
    }
}
