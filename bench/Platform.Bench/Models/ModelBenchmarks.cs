using System.Diagnostics;
using Platform.Workers.Assignments.C4;
using Platform.Workers.Assignments.C4W1SignsConvNet;
using Platform.Workers.Assignments.C4W2ResNet50;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Bench.Models;

/// <summary>
/// Issue 4's model benchmarks: training and inference images/s and peak memory of the SIGNS ConvNet and the CPU-sized
/// ResNet, on SIGNS-shaped inputs (64×64 RGB, 6 classes) drawn at random, so no data directory is needed. Training steps
/// are the jobs' own (TF2 Keras' Adam, softmax cross-entropy, a dispose scope per step). Images/s is given per wall
/// second and per CPU second of this process: on a shared machine the CPU figure is the comparable one.
/// </summary>
public sealed class ModelBenchmarks(TextWriter output)
{
    public void Run()
    {
        TorchRuntime.EnsureInitialized();
        output.WriteLine($"torch threads: {torch.get_num_threads()}, processors: {Environment.ProcessorCount}");
        Measure("SIGNS ConvNet (1,310 parameters)", () => new SignsConvNet(), batchSize: 64, trainSteps: 100, inferenceBatches: 100);
        // Inference on moving statistics (the 2017 notebook's evaluation), as the recorded figures were measured.
        Measure("ResNet width 8, [1,1,1,1]", () => new ResNet(new ResNetShape(8, [1, 1, 1, 1]), BlockBatchNorm.FollowModelMode), batchSize: 32, trainSteps: 40, inferenceBatches: 40);
        Measure("ResNet-50 (notebook size)", () => new ResNet(ResNetShape.ResNet50, BlockBatchNorm.FollowModelMode), batchSize: 32, trainSteps: 3, inferenceBatches: 3);
    }

    private void Measure(string name, Func<nn.Module<Tensor, Tensor>> create, int batchSize, int trainSteps, int inferenceBatches)
    {
        GC.Collect();
        var peakReset = ProcessMemory.ResetPeak();
        var residentBefore = ProcessMemory.ResidentBytes;
        using var model = create();
        var parameters = KerasParameterCount.Of(model).Total;
        using var images = rand(batchSize, 3, 64, 64);
        using var labels = randint(0, 6, [batchSize], ScalarType.Int64);
        using var optimizer = KerasFit.NewAdam(model, KerasVersion.Tf2, 0.001);
        long peakManaged = ProcessMemory.ManagedBytes;

        void TrainStep()
        {
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            var loss = Objective.SoftmaxCrossEntropy.Loss(model.forward(images), labels);
            loss.backward();
            optimizer.Step();
            peakManaged = Math.Max(peakManaged, ProcessMemory.ManagedBytes);
        }

        void InferenceStep()
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            _ = model.forward(images).argmax(1).data<long>().ToArray(); // reading the classes forces the result, as a prediction would
        }

        model.train();
        var train = Time(TrainStep, warmup: 2, trainSteps, batchSize);
        model.eval();
        var inference = Time(InferenceStep, warmup: 2, inferenceBatches, batchSize);
        var peak = ProcessMemory.PeakResidentBytes;
        output.WriteLine(
            $"{name}: {parameters:N0} parameters, batch {batchSize}; train {train.Wall:N0} images/s wall, {train.Cpu:N0}/CPU-s " +
            $"({trainSteps} steps); inference {inference.Wall:N0} images/s wall, {inference.Cpu:N0}/CPU-s ({inferenceBatches} batches); " +
            $"peak RSS {Mib(peak)} MiB{(peakReset ? "" : " (since process start)")} from {Mib(residentBefore)} MiB before the model, " +
            $"managed heap peak {Mib(peakManaged)} MiB, native ≈ {Mib(peak - peakManaged)} MiB");
    }

    private static (double Wall, double Cpu) Time(Action step, int warmup, int steps, int batchSize)
    {
        for (var i = 0; i < warmup; i++)
        {
            step();
        }

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++)
        {
            step();
        }

        wall.Stop();
        process.Refresh();
        var images = (double)steps * batchSize;
        return (images / wall.Elapsed.TotalSeconds, images / (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
