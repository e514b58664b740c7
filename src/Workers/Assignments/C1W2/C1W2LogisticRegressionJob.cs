using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Data;
using Platform.Workers.Jobs;
using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C1W2;

/// <summary>
/// c1w2-logistic-regression (spec §2): logistic regression on cat / non-cat with gradient descent from zeros.
/// Logs <c>cost</c> every 100 iterations (step = i), then <c>train_accuracy</c> and <c>test_accuracy</c> (step = num_iterations); artifacts: the cost
/// curve and the parameters w, b.
/// </summary>
public sealed class C1W2LogisticRegressionJob : IAssignmentJob
{
    public const string TrainFile = "catvnoncat/train_catvnoncat.h5";
    public const string TestFile = "catvnoncat/test_catvnoncat.h5";

    public AssignmentDescriptor Descriptor => C1W2LogisticRegression.Descriptor;

    public void Run(JobContext context)
    {
        var numIterations = context.Hyperparameters.GetInt("num_iterations");
        var learningRate = context.Hyperparameters.GetDouble("learning_rate");
        var dtype = Dtypes.Parse(context.Hyperparameters.GetString(DtypeHyperparameter.Name)).ScalarType();

        // Resolve both files before any work so a missing one fails fast with the file and folder named.
        var trainPath = context.Data.File(TrainFile);
        var testPath = context.Data.File(TestFile);
        var train = Hdf5ImageDataset.Read(trainPath, "train_set_x", "train_set_y");
        var test = Hdf5ImageDataset.Read(testPath, "test_set_x", "test_set_y");

        TorchRuntime.EnsureInitialized();
        var device = torch.device(context.Device);
        using var scope = torch.NewDisposeScope();
        var xTrain = ImageTensors.Columns(train, device).to_type(dtype);
        var yTrain = ImageTensors.LabelRow(train, device).to_type(dtype);
        var xTest = ImageTensors.Columns(test, device).to_type(dtype);
        var yTest = ImageTensors.LabelRow(test, device).to_type(dtype);

        var (w, b) = LogisticRegression.InitializeWithZeros(train.FeaturesPerImage, device);
        w = w.to_type(dtype);
        var costs = new CostHistory(context.Metrics);
        var result = Optimize(w, b, xTrain, yTrain, numIterations, learningRate, costs.Log, context.Cancellation);
        using var trainedW = result.W;
        using var lastDw = result.Dw;

        var trainAccuracy = LogisticRegression.Accuracy(LogisticRegression.Predict(trainedW, result.B, xTrain), yTrain);
        var testAccuracy = LogisticRegression.Accuracy(LogisticRegression.Predict(trainedW, result.B, xTest), yTest);
        context.Metrics.Log("train_accuracy", trainAccuracy, numIterations);
        context.Metrics.Log("test_accuracy", testAccuracy, numIterations);
        RunArtifacts.LogCostCurve(context, costs, $"Learning rate = {learningRate}");
        RunArtifacts.LogParameters(context, [NamedArray.Of("w", trainedW), NamedArray.Of("b", [], [result.B])]);
    }

    /// <summary>
    /// optimize() on the execution path that fits X's shape: the <see cref="GramForm"/> when there are fewer examples than
    /// features (the cats: 209 of 12288, a step 100x cheaper than the notebook's two passes over X), else the notebook's loop.
    /// </summary>
    public static OptimizeResult Optimize(
        Tensor w, double b, Tensor x, Tensor y, int numIterations, double learningRate, Action<int, double>? onCost, CancellationToken cancellation) =>
        GramForm.Pays(x.shape[0], x.shape[1])
            ? GramLogisticRegression.Optimize(w, b, x, y, numIterations, learningRate, onCost, cancellation)
            : LogisticRegression.Optimize(w, b, x, y, numIterations, learningRate, onCost, cancellation);
}
