using System.Diagnostics;
using System.Globalization;
using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Assignments.C2W3SignsMlp;
using Platform.Workers.Data;
using Platform.Workers.Jobs;
using Platform.Workers.Torch;

namespace Platform.Bench.CoursesOneTwo;

/// <summary>
/// c2w3-signs-mlp's main run (issue 3; no numpy reference, so not in <see cref="MainRunBenchmarks"/>): the job itself with
/// its default hyperparameters, once per dtype in this process on one libtorch thread, printing its CPU and wall seconds,
/// the cost at the epochs the 2017 notebook prints and both accuracies, against the spec's band (train ≥ 0.97, test
/// 0.65–0.82). Reading the JPEG stand-in and the test h5 is inside the timing (about a second).
/// </summary>
public sealed class SignsMlpMainRun(TextWriter output)
{
    private static readonly int[] PrintedEpochs = [0, 100, 500, 1000, 1400];

    public void Run(string dataDirectory, int numEpochs, IReadOnlyList<string> dtypes)
    {
        TorchRuntime.EnsureInitialized(numThreads: 1);
        var data = new DataDirectory(Path.GetFullPath(dataDirectory));
        output.WriteLine($"load average before: {CpuMeter.Load()}; {numEpochs} epochs, 1 thread");
        output.WriteLine($"| dtype | CPU s | wall s | cost at epochs {string.Join(" / ", PrintedEpochs.Where(e => e < numEpochs))} | train | test |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var dtype in dtypes)
        {
            var metrics = new Recorded();
            var context = new JobContext
            {
                Hyperparameters = HyperparameterBinder.Bind(C2W3SignsMlp.Descriptor, new Dictionary<string, string>
                {
                    ["num_epochs"] = numEpochs.ToString(CultureInfo.InvariantCulture),
                    [DtypeHyperparameter.Name] = dtype,
                }),
                Data = data,
                Metrics = metrics,
            };
            var wall = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            new C2W3SignsMlpJob().Run(context);
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var costs = string.Join(" / ", PrintedEpochs.Where(e => e < numEpochs).Select(e => metrics.Value("cost", e).ToString("F6", CultureInfo.InvariantCulture)));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {dtype} | {cpuSeconds:F1} | {wall.Elapsed.TotalSeconds:F1} | {costs} | {metrics.Value("train_accuracy", numEpochs):F6} | {metrics.Value("test_accuracy", numEpochs):F6} |"));
        }

        output.WriteLine($"load average after: {CpuMeter.Load()}");
    }

    private sealed class Recorded : IMetricSink
    {
        private readonly Dictionary<(string, long), double> values = [];

        public void Log(string key, double value, long step) => values[(key, step)] = value;

        public double Value(string key, long step) => values[(key, step)];
    }
}
