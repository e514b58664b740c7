using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Data;
using Platform.Workers.Jobs;
using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;
using SignsAssignment = Platform.Contracts.Catalog.Assignments.C2W3SignsMlp;

namespace Platform.Workers.Assignments.C2W3SignsMlp;

/// <summary>
/// c2w3-signs-mlp (spec §10), 2017 style: Adam on mean softmax cross-entropy, numpy random_mini_batches with the seed
/// counter from 3, epoch cost = Σ batch costs / ⌊m/minibatch_size⌋ (the notebook's quirk), logged every epoch. Trains on
/// the JPEG stand-in (train + val, ordinal file-name order), evaluates on signs/test_signs.h5. BAND results. Computes in
/// the <c>dtype</c> hyperparameter's type: float64 by default (issue 3), float32 as the notebook's TensorFlow did; the
/// algorithm is the same in both (the same float32 Xavier draws, Adam in TF's form, batches and cost quirk).
/// </summary>
public sealed class C2W3SignsMlpJob : IAssignmentJob
{
    public const string TestFile = "signs/test_signs.h5";
    public static readonly string[] TrainFolders = ["signs/cs230_64x64_SIGNS/train_signs", "signs/cs230_64x64_SIGNS/val_signs"];
    public const uint MiniBatchSeed = 3;

    public AssignmentDescriptor Descriptor => SignsAssignment.Descriptor;

    /// <summary>The stand-in training set; missing folders fail with the folder and data directory named.</summary>
    public static JpegImageFolders ReadTrainSet(DataDirectory data) =>
        JpegImageFolders.Read(TrainFolders.Select(folder => Folder(data, folder)), 64, 64);

    public static Hdf5ImageDataset ReadTestSet(DataDirectory data) =>
        Hdf5ImageDataset.Read(data.File(TestFile), "test_set_x", "test_set_y");

    public void Run(JobContext context)
    {
        var h = context.Hyperparameters;
        var learningRate = h.GetDouble("learning_rate");
        var numEpochs = h.GetInt("num_epochs");
        var minibatchSize = h.GetInt("minibatch_size");
        var dtype = Dtypes.Parse(h.GetString(DtypeHyperparameter.Name)).ScalarType();
        var test = ReadTestSet(context.Data);
        var train = ReadTrainSet(context.Data);

        TorchRuntime.EnsureInitialized();
        var device = torch.device(context.Device);
        using var scope = torch.NewDisposeScope();
        var trainX = ImageRows(train.Pixels, train.Count, dtype, device);
        var trainY = torch.tensor(train.Labels, device: device);
        var testX = ImageRows(test.Pixels, test.Count, dtype, device);
        var testY = torch.tensor(test.Labels, device: device);
        using var model = SignsMlp.Create(device, dtype);

        var costs = new CostHistory(context.Metrics, "epoch");
        Train(model, trainX, trainY, learningRate, numEpochs, minibatchSize, costs.Log, context.Cancellation);

        context.Metrics.Log("train_accuracy", model.Accuracy(trainX.t(), trainY), numEpochs);
        context.Metrics.Log("test_accuracy", model.Accuracy(testX.t(), testY), numEpochs);
        RunArtifacts.LogCostCurve(context, costs, $"Learning rate = {learningRate}");
        RunArtifacts.LogParameters(context, model.Weights.SelectMany((w, l) => new[] { NamedArray.Of($"W{l + 1}", w), NamedArray.Of($"b{l + 1}", model.Biases[l]) }));
    }

    /// <summary>
    /// On image rows (m, 12288) and labels (m,), one-hot encoded once in the rows' (and model's) dtype. Each epoch
    /// reshuffles with the next seed, gathers each batch's rows and hands the trainer their transpose, the notebook's
    /// (12288, batch) columns.
    /// </summary>
    public static void Train(
        SignsMlp model, Tensor x, Tensor labels, double learningRate, int numEpochs, int minibatchSize,
        Action<int, double> onEpochCost, CancellationToken cancellation)
    {
        using var oneHot = torch.nn.functional.one_hot(labels, SignsMlp.LayersDims[^1]).to_type(x.dtype).t().contiguous();
        using var trainer = new SignsMlpTrainer(model, learningRate);
        MiniBatches.RunEpochs((int)x.shape[0], minibatchSize, MiniBatchSeed, numEpochs, x.device,
            indices => trainer.Step(x.index_select(0, indices).t(), oneHot.index_select(1, indices)), onEpochCost, cancellation);
    }

    /// <summary>
    /// (m, 12288) image rows in <paramref name="dtype"/>: each pixel /255 in float64 as numpy does, then (float32) rounded
    /// to nearest, in NHWC feature order. The notebook's X is their transpose; keeping images as rows makes gathering a
    /// batch a copy of 32 contiguous rows. One vectorised pass, as <see cref="C4.NchwImages"/>.
    /// </summary>
    public static Tensor ImageRows(byte[] pixels, int count, ScalarType dtype, Device device)
    {
        using var scope = torch.NewDisposeScope();
        var scaled = torch.tensor(pixels, [count, pixels.Length / count]).to_type(ScalarType.Float64).DividedBy(255.0);
        return (dtype == ScalarType.Float64 ? scaled : scaled.to_type(dtype)).to(device).MoveToOuterDisposeScope();
    }

    private static string Folder(DataDirectory data, string relative)
    {
        var full = Path.Combine(data.Root, relative);
        return Directory.Exists(full)
            ? full
            : throw new DataFileNotFoundException($"data folder '{relative}' not found in data directory '{data.Root}' (set --data-dir or {DataDirectory.EnvironmentVariable})");
    }
}
