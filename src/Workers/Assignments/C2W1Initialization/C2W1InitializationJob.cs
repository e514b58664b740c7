using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using InitializationAssignment = Platform.Contracts.Catalog.Assignments.C2W1Initialization;
using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Jobs;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2W1Initialization;

/// <summary>
/// c2w1-initialization (spec §6): the [2, 10, 5, 1] relu network on make_circles data generated in code (train seed 1,
/// 300 points; test seed 2, 100 points), full-batch gradient descent. Logs <c>cost</c> every 1000 iterations and both
/// accuracies at the end (step = num_iterations); artifacts as <see cref="ClassifierArtifacts"/>. Plain arrays on the CPU in
/// the run's dtype (float64 by default) whatever the device: the net is tiny.
/// </summary>
public sealed class C2W1InitializationJob : IAssignmentJob
{
    public static readonly int[] LayersDims = [2, 10, 5, 1];

    public AssignmentDescriptor Descriptor => InitializationAssignment.Descriptor;

    public static (Matrix X, Matrix Y) TrainSet() => SklearnDatasets.MakeCircles(300, 0.05, seed: 1);

    public static (Matrix X, Matrix Y) TestSet() => SklearnDatasets.MakeCircles(100, 0.05, seed: 2);

    public void Run(JobContext context)
    {
        var hyperparameters = context.Hyperparameters;
        var numIterations = hyperparameters.GetInt("num_iterations");
        var dtype = Dtypes.Parse(hyperparameters.GetString(DtypeHyperparameter.Name));
        var options = new FullBatchOptions(numIterations, hyperparameters.GetDouble("learning_rate"), Dtype: dtype);
        var initial = Initializers.Create(hyperparameters.GetString("initialization"), LayersDims);
        var (trainX, trainY) = TrainSet();
        var (testX, testY) = TestSet();

        var costs = new CostHistory(context.Metrics);
        var parameters = FullBatchTraining.TrainWithCheckpoints(context, initial, trainX, trainY, options, costs);

        context.Metrics.Log("train_accuracy", BinaryClassifier.Accuracy(parameters, trainX, trainY, dtype), numIterations);
        context.Metrics.Log("test_accuracy", BinaryClassifier.Accuracy(parameters, testX, testY, dtype), numIterations);
        ClassifierArtifacts.Log(context, costs, parameters, trainX, trainY, $"Model with {hyperparameters.GetString("initialization")} initialization", dtype);
    }
}
