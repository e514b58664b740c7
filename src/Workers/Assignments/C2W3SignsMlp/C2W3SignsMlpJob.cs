using Platform.Contracts.Catalog;
using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Data;
using Platform.Workers.Jobs;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;
using SignsAssignment = Platform.Contracts.Catalog.Assignments.C2W3SignsMlp;

namespace Platform.Workers.Assignments.C2W3SignsMlp;

/// <summary>
/// c2w3-signs-mlp (spec §10), 2017 style: Adam on mean softmax cross-entropy, numpy random_mini_batches with the seed
/// counter from 3, epoch cost = Σ batch costs / ⌊m/minibatch_size⌋ (the notebook's quirk), logged every epoch. Trains on
/// the JPEG stand-in (train + val, ordinal file-name order), evaluates on signs/test_signs.h5. BAND results.
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
        var test = ReadTestSet(context.Data);
        var train = ReadTrainSet(context.Data);

        TorchRuntime.EnsureInitialized();
        var device = torch.device(context.Device);
        using var scope = torch.NewDisposeScope();
        var trainX = ImageRows(train.Pixels, train.Count, device);
        var trainY = torch.tensor(train.Labels, device: device);
        var testX = ImageRows(test.Pixels, test.Count, device);
        var testY = torch.tensor(test.Labels, device: device);
        using var model = SignsMlp.Create(device);

        Train(model, trainX, trainY, learningRate, numEpochs, minibatchSize, (epoch, cost) => context.Metrics.Log("cost", cost, epoch), context.Cancellation);

        context.Metrics.Log("train_accuracy", model.Accuracy(trainX, trainY), numEpochs);
        context.Metrics.Log("test_accuracy", model.Accuracy(testX, testY), numEpochs);
    }

    public static void Train(
        SignsMlp model, Tensor x, Tensor labels, double learningRate, int numEpochs, int minibatchSize,
        Action<int, double> onEpochCost, CancellationToken cancellation)
    {
        var m = (int)x.shape[0];
        var ranges = MiniBatches.Ranges(m, minibatchSize);
        var batchesInCost = Math.Max(1, m / minibatchSize);
        using var optimizer = torch.optim.Adam(model.Parameters, learningRate);
        var seed = MiniBatchSeed;
        for (var epoch = 0; epoch < numEpochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            seed++;
            using var order = torch.tensor(MiniBatches.Order(m, seed).Select(i => (long)i).ToArray(), device: x.device);
            var epochCost = 0.0;
            foreach (var (start, count) in ranges)
            {
                using var step = torch.NewDisposeScope();
                var indices = order.narrow(0, start, count);
                optimizer.zero_grad();
                var loss = torch.nn.functional.cross_entropy(model.Forward(x.index_select(0, indices)), labels.index_select(0, indices));
                loss.backward();
                optimizer.step();
                epochCost += loss.item<float>();
            }

            onEpochCost(epoch, epochCost / batchesInCost);
        }
    }

    /// <summary>(m, 12288) float32 rows: each pixel /255 in float64 as numpy does, then cast, in NHWC feature order.</summary>
    private static Tensor ImageRows(byte[] pixels, int count, Device device)
    {
        var values = new float[pixels.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(pixels[i] / 255.0);
        }

        return torch.tensor(values, [count, pixels.Length / count], device: device);
    }

    private static string Folder(DataDirectory data, string relative)
    {
        var full = Path.Combine(data.Root, relative);
        return Directory.Exists(full)
            ? full
            : throw new DataFileNotFoundException($"data folder '{relative}' not found in data directory '{data.Root}' (set --data-dir or {DataDirectory.EnvironmentVariable})");
    }
}
