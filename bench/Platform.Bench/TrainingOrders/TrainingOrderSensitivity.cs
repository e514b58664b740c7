using System.Diagnostics;
using System.Globalization;
using Platform.Workers.Assignments.C2W3SignsMlp;
using Platform.Workers.Assignments.C4;
using Platform.Workers.Assignments.C4W1SignsConvNet;
using Platform.Workers.Assignments.C4W2ResNet50;
using Platform.Workers.Data;
using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using static TorchSharp.torch;

namespace Platform.Bench.TrainingOrders;

/// <summary>
/// How much a 2017 (TF1) SIGNS run's result depends on the order of its training set (issues 3 and 4). The notebooks
/// trained on train_signs.h5, whose image order is unknown; the jobs train on the JPEG stand-in in file-name order (spec
/// §0.7), which each epoch's numpy permutation then shuffles. This runs a job's exact recipe with the notebook's own initial
/// weights on the file-name order and then on other orders of the same 1080 images, order k being numpy
/// <c>RandomState(k).permutation(1080)</c> of the file-name order, k = 0, 1, …: every order measured is printed, none is
/// chosen. The jobs themselves never reorder their data. One libtorch thread unless said, float32 (the notebooks' type).
/// </summary>
public sealed class TrainingOrderSensitivity(TextWriter output)
{
    private const int FileNameOrder = -1;

    /// <summary>c2w3-signs-mlp (<see cref="C2W3SignsMlpJob.Train"/>), 1500 epochs at lr 0.0001; band: train ≥ 0.97, test 0.65–0.82.</summary>
    public void SignsMlp(string dataDirectory, int count, int numEpochs)
    {
        var data = Load(dataDirectory, threads: 1);
        var train = C2W3SignsMlpJob.ReadTrainSet(data);
        var test = C2W3SignsMlpJob.ReadTestSet(data);
        using var scope = NewDisposeScope();
        var trainX = C2W3SignsMlpJob.ImageRows(train.Pixels, train.Count, ScalarType.Float32, CPU);
        var trainY = tensor(train.Labels);
        var testX = C2W3SignsMlpJob.ImageRows(test.Pixels, test.Count, ScalarType.Float32, CPU);
        var testY = tensor(test.Labels);
        int[] printed = [.. new[] { 0, 100, 500, 1000, 1400 }.Where(e => e < numEpochs)];
        Table($"cost at epochs {string.Join(" / ", printed)} | train | test", FileNameOrder, count + 1, train.Count, order =>
        {
            using var orderScope = NewDisposeScope();
            var (x, y) = order is null ? (trainX, trainY) : (trainX.index_select(0, order), trainY.index_select(0, order));
            using var model = Workers.Assignments.C2W3SignsMlp.SignsMlp.Create(CPU, ScalarType.Float32);
            var costs = new Dictionary<int, double>();
            C2W3SignsMlpJob.Train(model, x, y, 0.0001, numEpochs, 32, (epoch, cost) => costs[epoch] = cost, CancellationToken.None);
            var (trainAccuracy, testAccuracy) = (model.Accuracy(x.t(), y), model.Accuracy(testX.t(), testY));
            return (Cells(printed, costs, trainAccuracy, testAccuracy), trainAccuracy >= 0.97 && testAccuracy is >= 0.65 and <= 0.82);
        });
    }

    /// <summary>c4w1-signs-convnet notebook=2017 (<see cref="Notebook2017Fit.Train"/>), 100 epochs at lr 0.009; band: cost falls, test 0.75–0.88.</summary>
    public void ConvNet2017(string dataDirectory, int count, int numEpochs)
    {
        var (trainSet, testSet) = SignsKerasFit.ReadSigns(Load(dataDirectory, threads: 1), "cpu");
        using var train = trainSet;
        using var test = testSet;
        int[] printed = [.. new[] { 0, 5, 10, 50, 95 }.Where(e => e < numEpochs)];
        Table($"cost at epochs {string.Join(" / ", printed)} | train | test", FileNameOrder, count + 1, train.Count, order =>
        {
            using var set = Reordered(train, order);
            using var model = SignsConvNet.Notebook2017();
            var costs = new Dictionary<int, double>();
            Notebook2017Fit.Train(model, set ?? train, 0.009, numEpochs, 64, (epoch, cost) => costs[epoch] = cost, CancellationToken.None);
            var trainAccuracy = KerasFit.Evaluate(model, Objective.SoftmaxCrossEntropy, set ?? train, 64).Accuracy;
            var testAccuracy = KerasFit.Evaluate(model, Objective.SoftmaxCrossEntropy, test, 64).Accuracy;
            return (Cells(printed, costs, trainAccuracy, testAccuracy), costs[numEpochs - 1] < costs[0] && testAccuracy is >= 0.75 and <= 0.88);
        });
    }

    /// <summary>
    /// c4w2-resnet50 keras=2017 (<see cref="KerasFit.Run"/> with Keras 2.0's kernels, clipped loss and Adam; blocks on
    /// moving statistics at evaluation), 2 epochs at lr 0.001, on <c>threads</c> libtorch threads, orders
    /// <paramref name="first"/> .. first + count - 1 (-1: the file-name order); band: loss 1–5 and training accuracy 0.2–0.5
    /// in both epochs, test accuracy 0.16–0.25. Prints loss / accuracy per epoch.
    /// </summary>
    public void ResNet2017(string dataDirectory, int first, int count, int threads)
    {
        var (trainSet, testSet) = SignsKerasFit.ReadSigns(Load(dataDirectory, threads), "cpu");
        using var train = trainSet;
        using var test = testSet;
        Table("epoch 1 loss / accuracy | epoch 2 loss / accuracy | test", first, count, train.Count, order =>
        {
            using var set = Reordered(train, order);
            using var model = new ResNet(new ResNetShape(64, [3, 4, 6, 3]), BlockBatchNorm.FollowModelMode, KerasVersion.Keras20);
            var epochs = new List<KerasEpoch>();
            KerasFit.Run(model, KerasVersion.Keras20, KerasVersion.Keras20.SoftmaxCrossEntropy(), set ?? train, test, 0.001, 2, 32,
                SignsKerasFit.MiniBatchSeed, epochs.Add, CancellationToken.None);
            var testAccuracy = epochs[^1].ValAccuracy;
            var cells = string.Join(" | ", epochs.Select(e => $"{e.Loss:F4} / {e.TrainAccuracy:F4}").Append($"{testAccuracy:F4}"));
            var inBand = epochs.All(e => e.Loss is >= 1 and <= 5 && e.TrainAccuracy is >= 0.2 and <= 0.5) && testAccuracy is >= 0.16 and <= 0.25;
            return (cells, inBand);
        });
    }

    private DataDirectory Load(string dataDirectory, int threads)
    {
        TorchRuntime.EnsureInitialized(numThreads: threads);
        output.WriteLine($"load average before: {CpuMeter.Load()}");
        return new DataDirectory(Path.GetFullPath(dataDirectory));
    }

    /// <summary>The training set in the given order, or null for its own (file-name) order.</summary>
    private static LabelledImages? Reordered(LabelledImages set, Tensor? order) =>
        order is null ? null : new LabelledImages(set.Images.index_select(0, order), set.Labels.index_select(0, order));

    private static string Cells(int[] printedEpochs, Dictionary<int, double> costs, double train, double test) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(" / ", printedEpochs.Select(e => costs[e].ToString("F6", CultureInfo.InvariantCulture)))} | {train:F6} | {test:F6}");

    /// <summary>One row per order, <paramref name="first"/> (-1: the file-name order) and the next: train, then print the row.</summary>
    /// <param name="run">trains on the training set in the given order (null: file-name order); returns the row's cells</param>
    private void Table(string columns, int first, int count, int examples, Func<Tensor?, (string Cells, bool InBand)> run)
    {
        output.WriteLine($"| training order | CPU s | {columns} | in band |");
        output.WriteLine($"|{string.Concat(Enumerable.Repeat("---|", columns.Split('|').Length + 3))}");
        for (var k = first; k < first + count; k++)
        {
            using var order = k == FileNameOrder ? null : tensor(new NumpyRandom((uint)k).Permutation(examples).Select(i => (long)i).ToArray());
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var (cells, inBand) = run(order);
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(k == FileNameOrder ? "file names (the job's)" : $"RandomState({k}).permutation")} | {cpuSeconds:F1} | {cells} | {(inBand ? "yes" : "no")} |"));
        }

        output.WriteLine($"load average after: {CpuMeter.Load()}");
    }
}
