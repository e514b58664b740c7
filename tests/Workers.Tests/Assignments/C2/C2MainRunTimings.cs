using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Assignments.C2W1Initialization;
using Platform.Workers.Assignments.C2W1Regularization;
using Platform.Workers.Assignments.C2W2Optimization;
using Platform.Workers.Data;
using Platform.Workers.Tests.Support;
using Xunit.Abstractions;

namespace Platform.Workers.Tests.Assignments.C2;

/// <summary>
/// Times the numpy-era C2 main runs (the trainings only, as the numpy reference times them), each three times in one process
/// so the JIT is warm after the first. Compare with ../shared/bench (numpy: he 1.02 s, regularization none 2.15 s, adam
/// 10000 epochs 4.46 s on an unloaded 2-core build machine).
/// </summary>
// A timing harness, not a test: its figures go to BENCHMARKS.md. scripts/test.sh never runs the Benchmark category.
[Trait("Category", "Benchmark")]
public sealed class C2MainRunTimings(ITestOutputHelper output)
{
    [Fact]
    public void Main_runs_three_times_each()
    {
        var (circlesX, circlesY) = C2W1InitializationJob.TrainSet();
        var (footballX, footballY) = LabelledPointsCsv.Read(TestData.DataDirectory.File(C2W1RegularizationJob.TrainFile));
        var (moonsX, moonsY) = C2W2OptimizationJob.TrainSet();
        for (var round = 0; round < 3; round++)
        {
            Time("c2w1-initialization he, 15000 it", () => FullBatchTraining.Train(
                Initializers.He(C2W1InitializationJob.LayersDims), circlesX, circlesY, new FullBatchOptions(15000, 0.01)));
            Time("c2w1-regularization none, 30000 it", () => FullBatchTraining.Train(
                C2W1RegularizationJob.InitializeParameters(C2W1RegularizationJob.LayersDims), footballX, footballY,
                C2W1RegularizationJob.Options(30000, 0.3, 0, 1)));
            Time("c2w2-optimization adam, 10000 epochs", () => OptimizationModel.Train(
                moonsX, moonsY, [2, 5, 2, 1], new OptimizationOptions()));
        }
    }

    private void Time(string name, Action run)
    {
        var clock = RunClock.Start();
        run();
        output.WriteLine($"{name}: {clock}");
    }
}
