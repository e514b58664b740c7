using Platform.Workers.Assignments.C1W2;
using Platform.Workers.Assignments.C1W3;
using Platform.Workers.Assignments.C1W4;
using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Assignments.C2W1Initialization;
using Platform.Workers.Assignments.C2W1Regularization;
using Platform.Workers.Assignments.C2W2Optimization;
using Platform.Workers.Assignments.C2W3SignsMlp;
using Platform.Workers.Data;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Assignments.C2;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;
using TorchSharp;
using Xunit.Abstractions;

namespace Platform.Workers.Tests.Assignments;

/// <summary>
/// Times the Course 1-2 main runs as ../shared/bench's numpy reference times them: the training and final prediction only,
/// data already loaded, float64 (c2w3-signs-mlp: float32, 100 of its 1500 epochs). Each run twice in one process (the first
/// warms the JIT); prints a markdown row per run with wall and CPU seconds and the peak resident memory during the run.
/// Run with the numpy scripts in the same conditions and record both in bench/RESULTS.md. For per-run peak memory and the
/// float32 runs use the bench's <c>c12</c> command, which runs each main run (and its numpy reference) in its own process.
/// </summary>
// A timing harness, not a test: scripts/test.sh never runs the Benchmark category.
[Trait("Category", "Benchmark")]
public sealed class MainRunTimings(ITestOutputHelper output)
{
    [Fact]
    public void Main_runs_twice_each()
    {
        TorchRuntime.EnsureInitialized();
        var catTrain = Hdf5ImageDataset.Read(TestData.DataDirectory.File(C1W2LogisticRegressionJob.TrainFile), "train_set_x", "train_set_y");
        var catTest = Hdf5ImageDataset.Read(TestData.DataDirectory.File(C1W2LogisticRegressionJob.TestFile), "test_set_x", "test_set_y");
        var (flowerX, flowerY) = PlanarFlower.Generate();
        var (circlesX, circlesY) = C2W1InitializationJob.TrainSet();
        var (footballX, footballY) = LabelledPointsCsv.Read(TestData.DataDirectory.File(C2W1RegularizationJob.TrainFile));
        var (moonsX, moonsY) = C2W2OptimizationJob.TrainSet();
        var signs = C2W3SignsMlpJob.ReadTrainSet(TestData.DataDirectory);
        output.WriteLine($"libtorch threads: {TorchRuntime.Threads}; load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        output.WriteLine("| main run | wall s | CPU s | peak RSS MiB |");
        for (var round = 0; round < 2; round++)
        {
            Time("c1w2-logistic-regression, 2000 it", () =>
            {
                using var scope = torch.NewDisposeScope();
                var (w, b) = LogisticRegression.InitializeWithZeros(catTrain.FeaturesPerImage);
                var result = C1W2LogisticRegressionJob.Optimize(w, b, ImageTensors.Columns(catTrain), ImageTensors.LabelRow(catTrain), 2000, 0.005, null, default);
                LogisticRegression.Predict(result.W, result.B, ImageTensors.Columns(catTest));
            });
            Time("c1w3-planar-data, n_h 4, 10000 it", () => PlanarNetwork.Predict(PlanarNetwork.NnModel(flowerX, flowerY, 4, 10000, 1.2), flowerX));
            Time("c1w4-deep-nn-application L-layer, 2500 it", () =>
            {
                using var scope = torch.NewDisposeScope();
                var parameters = CatClassifier.InitializeLLayer([12288, 20, 7, 5, 1]);
                C1W4DeepNnApplicationJob.Train(parameters, ImageTensors.Columns(catTrain), ImageTensors.LabelRow(catTrain), 0.0075, 2500, null, default);
                CatClassifier.Accuracy(parameters, ImageTensors.Columns(catTest), ImageTensors.LabelRow(catTest));
            });
            Time("c2w1-initialization he, 15000 it", () => FullBatchTraining.Train(
                Initializers.He(C2W1InitializationJob.LayersDims), circlesX, circlesY, new FullBatchOptions(15000, 0.01)));
            Time("c2w1-regularization none, 30000 it", () => FullBatchTraining.Train(
                C2W1RegularizationJob.InitializeParameters(C2W1RegularizationJob.LayersDims), footballX, footballY,
                C2W1RegularizationJob.Options(30000, 0.3, 0, 1)));
            Time("c2w2-optimization adam, 10000 epochs", () => OptimizationModel.Train(moonsX, moonsY, [2, 5, 2, 1], new OptimizationOptions()));
            Time("c2w3-signs-mlp, 100 of 1500 epochs (float32)", () =>
            {
                using var scope = torch.NewDisposeScope();
                var x = torch.tensor(signs.Pixels.Select(p => (float)(p / 255.0)).ToArray(), [signs.Count, signs.FeaturesPerImage]);
                using var model = SignsMlp.Create(torch.CPU);
                C2W3SignsMlpJob.Train(model, x, torch.tensor(signs.Labels), 1e-4, 100, 32, (_, _) => { }, default);
            });
        }
    }

    private void Time(string name, Action run)
    {
        PeakMemory.Reset();
        var clock = RunClock.Start();
        run();
        var (wall, cpu) = clock.Seconds;
        output.WriteLine($"| {name} | {wall:F2} | {cpu:F2} | {PeakMemory.MiB():F0} |");
    }

    /// <summary>Linux's VmHWM (peak resident set), reset before each run by writing 5 to /proc/self/clear_refs.</summary>
    private static class PeakMemory
    {
        public static void Reset() => File.WriteAllText("/proc/self/clear_refs", "5");

        public static double MiB() => File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:"))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).Single();
    }
}
