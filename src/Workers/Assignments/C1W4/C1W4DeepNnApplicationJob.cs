using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Data;
using Platform.Workers.Jobs;
using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C1W4;

/// <summary>
/// c1w4-deep-nn-application (spec §5): two_layer_model or L_layer_model on cat / non-cat. Logs <c>cost</c> at i % 100 == 0
/// and the last iteration (step = i), then <c>train_accuracy</c> and <c>test_accuracy</c> (step = num_iterations); artifacts: the cost
/// curve and the parameters W1, b1, …
/// </summary>
public sealed class C1W4DeepNnApplicationJob : IAssignmentJob
{
    public const string TrainFile = "catvnoncat/train_catvnoncat.h5";
    public const string TestFile = "catvnoncat/test_catvnoncat.h5";

    public AssignmentDescriptor Descriptor => C1W4DeepNnApplication.Descriptor;

    public void Run(JobContext context)
    {
        var model = context.Hyperparameters.GetString("model");
        var layersDims = context.Hyperparameters.GetIntList("layers_dims");
        var learningRate = context.Hyperparameters.GetDouble("learning_rate");
        var numIterations = context.Hyperparameters.GetInt("num_iterations");
        var dtype = Dtypes.Parse(context.Hyperparameters.GetString(DtypeHyperparameter.Name)).ScalarType();

        // Resolve both files before any work so a missing one fails fast with the file and folder named.
        var train = Hdf5ImageDataset.Read(context.Data.File(TrainFile), "train_set_x", "train_set_y");
        var test = Hdf5ImageDataset.Read(context.Data.File(TestFile), "test_set_x", "test_set_y");

        TorchRuntime.EnsureInitialized();
        var device = torch.device(context.Device);
        using var scope = torch.NewDisposeScope();
        var xTrain = ImageTensors.Columns(train, device).to_type(dtype);
        var yTrain = ImageTensors.LabelRow(train, device).to_type(dtype);
        var initial = model == C1W4DeepNnApplication.TwoLayerModel
            ? CatClassifier.InitializeTwoLayer(layersDims, device)
            : CatClassifier.InitializeLLayer(layersDims, device);
        var parameters = CatClassifier.ToDtype(initial, dtype);

        var costs = new CostHistory(context.Metrics);
        Train(parameters, xTrain, yTrain, learningRate, numIterations, costs.Log, context.Cancellation);

        context.Metrics.Log("train_accuracy", CatClassifier.Accuracy(parameters, xTrain, yTrain), numIterations);
        context.Metrics.Log("test_accuracy", CatClassifier.Accuracy(
            parameters, ImageTensors.Columns(test, device).to_type(dtype), ImageTensors.LabelRow(test, device).to_type(dtype)), numIterations);
        RunArtifacts.LogCostCurve(context, costs, $"Learning rate = {learningRate}");
        RunArtifacts.LogParameters(context, parameters.SelectMany((p, l) => new[] { NamedArray.Of($"W{l + 1}", p.W), NamedArray.Of($"b{l + 1}", p.B) }));
    }

    /// <summary>
    /// Gradient descent on the execution path that fits X's shape: the first layer in <see cref="GramForm"/> when there are
    /// fewer examples than features (the cats: 209 of 12288, a first-layer step ~100x cheaper than its two products with X),
    /// else the notebook's loop.
    /// </summary>
    public static void Train(
        IReadOnlyList<LayerParameters> parameters, Tensor x, Tensor y, double learningRate, int numIterations,
        Action<int, double>? onCost, CancellationToken cancellation)
    {
        if (GramForm.Pays(x.shape[0], x.shape[1]))
        {
            GramCatTraining.Train(parameters, x, y, learningRate, numIterations, onCost, cancellation);
        }
        else
        {
            CatClassifier.Train(parameters, x, y, learningRate, numIterations, onCost, cancellation);
        }
    }
}
