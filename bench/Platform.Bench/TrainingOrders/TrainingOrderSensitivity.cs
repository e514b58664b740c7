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
/// weights on the file-name order and then on <c>count</c> other orders of the same 1080 images, order k being numpy
/// <c>RandomState(k).permutation(1080)</c> of the file-name order, k = 0, 1, …: every order measured is printed, none is
/// chosen. The jobs themselves never reorder their data. One libtorch thread, float32 (the notebooks' type).
/// </summary>
public sealed class TrainingOrderSensitivity(TextWriter output)
{
    /// <summary>c2w3-signs-mlp (<see cref="C2W3SignsMlpJob.Train"/>), 1500 epochs at lr 0.0001; band: train ≥ 0.97, test 0.65–0.82.</summary>
    public void SignsMlp(string dataDirectory, int count, int numEpochs)
    {
        var data = Load(dataDirectory);
        var train = C2W3SignsMlpJob.ReadTrainSet(data);
        var test = C2W3SignsMlpJob.ReadTestSet(data);
        using var scope = NewDisposeScope();
        var trainX = C2W3SignsMlpJob.ImageRows(train.Pixels, train.Count, ScalarType.Float32, CPU);
        var trainY = tensor(train.Labels);
        var testX = C2W3SignsMlpJob.ImageRows(test.Pixels, test.Count, ScalarType.Float32, CPU);
        var testY = tensor(test.Labels);
        Table(count, numEpochs, [0, 100, 500, 1000, 1400], order =>
        {
            using var orderScope = NewDisposeScope();
            var (x, y) = order is null ? (trainX, trainY) : (trainX.index_select(0, order), trainY.index_select(0, order));
            using var model = Workers.Assignments.C2W3SignsMlp.SignsMlp.Create(CPU, ScalarType.Float32);
            var costs = new Dictionary<int, double>();
            C2W3SignsMlpJob.Train(model, x, y, 0.0001, numEpochs, 32, (epoch, cost) => costs[epoch] = cost, CancellationToken.None);
            var (trainAccuracy, testAccuracy) = (model.Accuracy(x.t(), y), model.Accuracy(testX.t(), testY));
            return (costs, trainAccuracy, testAccuracy, trainAccuracy >= 0.97 && testAccuracy is >= 0.65 and <= 0.82);
        }, train.Count);
    }

    /// <summary>c4w1-signs-convnet notebook=2017 (<see cref="Notebook2017Fit.Train"/>), 100 epochs at lr 0.009; band: cost falls, test 0.75–0.88.</summary>
    public void ConvNet2017(string dataDirectory, int count, int numEpochs)
    {
        var data = Load(dataDirectory);
        var train = C2W3SignsMlpJob.ReadTrainSet(data);
        using var trainSet = LabelledImages.ForClasses(train.Pixels, train.Labels, train.Height, train.Width, CPU);
        using var testSet = LabelledImages.ForClasses(C2W3SignsMlpJob.ReadTestSet(data), CPU);
        Table(count, numEpochs, [0, 5, 10, 50, 95], order =>
        {
            using var orderScope = NewDisposeScope();
            var set = order is null ? trainSet : new LabelledImages(trainSet.Images.index_select(0, order), trainSet.Labels.index_select(0, order));
            using var model = SignsConvNet.Notebook2017();
            var costs = new Dictionary<int, double>();
            Notebook2017Fit.Train(model, set, 0.009, numEpochs, 64, (epoch, cost) => costs[epoch] = cost, CancellationToken.None);
            var trainAccuracy = KerasFit.Evaluate(model, Objective.SoftmaxCrossEntropy, set, 64).Accuracy;
            var testAccuracy = KerasFit.Evaluate(model, Objective.SoftmaxCrossEntropy, testSet, 64).Accuracy;
            var last = costs[numEpochs - 1];
            return (costs, trainAccuracy, testAccuracy, last < costs[0] && testAccuracy is >= 0.75 and <= 0.88);
        }, train.Count);
    }

    /// <summary>
    /// c4w2-resnet50 keras=2017 (<see cref="KerasFit.Run"/> with Keras 2.0's kernels, clipped loss and Adam; blocks on
    /// moving statistics at evaluation), 2 epochs at lr 0.001, on <c>threads</c> libtorch threads; band: loss 1–5 and
    /// training accuracy 0.2–0.5 in both epochs, test accuracy 0.16–0.25. Prints loss / accuracy per epoch.
    /// </summary>
    public void ResNet2017(string dataDirectory, int first, int count, int threads)
    {
        TorchRuntime.EnsureInitialized(numThreads: threads);
        var data = Load(dataDirectory);
        var train = C2W3SignsMlpJob.ReadTrainSet(data);
        using var trainSet = LabelledImages.ForClasses(train.Pixels, train.Labels, train.Height, train.Width, CPU);
        using var testSet = LabelledImages.ForClasses(C2W3SignsMlpJob.ReadTestSet(data), CPU);
        output.WriteLine($"| training order | CPU s | epoch 1 loss / accuracy | epoch 2 loss / accuracy | test | in band |");
        output.WriteLine("|---|---|---|---|---|---|");
        for (var k = first; k < first + count; k++)
        {
            using var order = k < 0 ? null : tensor(new NumpyRandom((uint)k).Permutation(train.Count).Select(i => (long)i).ToArray());
            using var set = order is null ? null : new LabelledImages(trainSet.Images.index_select(0, order), trainSet.Labels.index_select(0, order));
            using var model = new ResNet(new ResNetShape(64, [3, 4, 6, 3]), BlockBatchNorm.FollowModelMode, KerasVersion.Keras20);
            var epochs = new List<KerasEpoch>();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            KerasFit.Run(model, KerasVersion.Keras20, KerasVersion.Keras20.SoftmaxCrossEntropy(), set ?? trainSet, testSet, 0.001, 2, 32,
                SignsKerasFit.MiniBatchSeed, epochs.Add, CancellationToken.None);
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var test = epochs[^1].ValAccuracy;
            var inBand = epochs.All(e => e.Loss is >= 1 and <= 5 && e.TrainAccuracy is >= 0.2 and <= 0.5) && test is >= 0.16 and <= 0.25;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(k < 0 ? "file names (the job's)" : $"RandomState({k}).permutation")} | {cpuSeconds:F1} | {string.Join(" | ", epochs.Select(e => $"{e.Loss:F4} / {e.TrainAccuracy:F4}"))} | {test:F4} | {(inBand ? "yes" : "no")} |"));
        }

        output.WriteLine($"load average after: {CpuMeter.Load()}");
    }

    private DataDirectory Load(string dataDirectory)
    {
        TorchRuntime.EnsureInitialized(numThreads: 1);
        output.WriteLine($"load average before: {CpuMeter.Load()}");
        return new DataDirectory(Path.GetFullPath(dataDirectory));
    }

    /// <param name="run">trains on the training set in the given order (null: file-name order)</param>
    private void Table(
        int count, int numEpochs, int[] printedEpochs,
        Func<Tensor?, (Dictionary<int, double> Costs, double Train, double Test, bool InBand)> run, int examples)
    {
        var printed = printedEpochs.Where(e => e < numEpochs).ToArray();
        output.WriteLine($"| training order | CPU s | cost at epochs {string.Join(" / ", printed)} | train | test | in band |");
        output.WriteLine("|---|---|---|---|---|---|");
        for (var k = -1; k < count; k++)
        {
            using var order = k < 0 ? null : tensor(new NumpyRandom((uint)k).Permutation(examples).Select(i => (long)i).ToArray());
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var (costs, train, test, inBand) = run(order);
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(k < 0 ? "file names (the job's)" : $"RandomState({k}).permutation")} | {cpuSeconds:F1} | {string.Join(" / ", printed.Select(e => costs[e].ToString("F6", CultureInfo.InvariantCulture)))} | {train:F6} | {test:F6} | {(inBand ? "yes" : "no")} |"));
        }

        output.WriteLine($"load average after: {CpuMeter.Load()}");
    }
}
