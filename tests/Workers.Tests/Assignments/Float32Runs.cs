using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Jobs;
using Platform.Workers.Tests.Support;
using Xunit.Abstractions;

namespace Platform.Workers.Tests.Assignments;

/// <summary>
/// Runs a numpy-era job with dtype = float64 and again with float32 and holds the float32 run to the float64 one (whose
/// numbers the EXACT tests pin to the notebooks'): the same cost steps, each cost within a relative band, each final accuracy
/// within a number of examples.
/// </summary>
internal static class Float32Runs
{
    /// <param name="band">the relative band of the cost logged at a step</param>
    /// <param name="accuracyTolerance">how far an accuracy may move, as a fraction (k examples of n: k/n)</param>
    public static void AssertTracksFloat64(
        ITestOutputHelper output, AssignmentDescriptor descriptor, IAssignmentJob job, IReadOnlyDictionary<string, string> raw,
        Func<long, double> band, double accuracyTolerance, string costKey = "cost")
    {
        var float64 = Run(descriptor, job, raw, DtypeHyperparameter.Float64);
        var float32 = Run(descriptor, job, raw, DtypeHyperparameter.Float32);

        var costs64 = float64.For(costKey);
        var costs32 = float32.For(costKey);
        Assert.NotEmpty(costs64);
        Assert.Equal(costs64.Select(c => c.Step), costs32.Select(c => c.Step));
        output.WriteLine(string.Join(" ", costs64.Zip(costs32, (a, b) => $"{a.Step}:{(b.Value - a.Value) / a.Value:G2}")));
        foreach (var (a, b) in costs64.Zip(costs32))
        {
            Assert.True(Math.Abs(b.Value - a.Value) <= band(a.Step) * a.Value,
                $"{costKey} at {a.Step}: float32 {b.Value}, float64 {a.Value} (band {band(a.Step)} relative)");
        }

        // The final accuracy of each key (jobs that also log accuracies while training, for sweeps' rungs, are judged at the end:
        // the tolerances are those of the trained model).
        var accuracies = float64.Points.Where(p => p.Key.EndsWith("accuracy", StringComparison.Ordinal)).GroupBy(p => p.Key).Select(g => g.Last()).ToArray();
        Assert.NotEmpty(accuracies);
        foreach (var accuracy in accuracies)
        {
            var other = float32.At(accuracy.Key, accuracy.Step);
            output.WriteLine($"{accuracy.Key}: float64 {accuracy.Value}, float32 {other}");
            Assert.InRange(other, accuracy.Value - accuracyTolerance - 1e-12, accuracy.Value + accuracyTolerance + 1e-12);
        }
    }

    private static RecordingMetricSink Run(AssignmentDescriptor descriptor, IAssignmentJob job, IReadOnlyDictionary<string, string> raw, string dtype)
    {
        var metrics = new RecordingMetricSink();
        job.Run(JobContexts.For(descriptor, metrics, new Dictionary<string, string>(raw) { [DtypeHyperparameter.Name] = dtype }));
        return metrics;
    }
}
