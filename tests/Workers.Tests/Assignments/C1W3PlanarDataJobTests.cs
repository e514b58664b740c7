using System.Diagnostics;
using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Assignments.C1W3;
using Platform.Workers.Jobs;
using Platform.Workers.Tests.Support;
using Xunit.Abstractions;

namespace Platform.Workers.Tests.Assignments;

public sealed class C1W3PlanarDataJobTests(ITestOutputHelper output)
{
    private static readonly double[] NotebookCosts = [0.693048, 0.288083, 0.254385, 0.233864, 0.226792, 0.222644, 0.219731, 0.217504];

    [Fact]
    public void The_main_run_logs_the_notebooks_exact_costs_band_costs_and_accuracy()
    {
        var metrics = new RecordingMetricSink();
        var clock = Stopwatch.StartNew();

        new C1W3PlanarDataJob().Run(Context(metrics, new Dictionary<string, string>()));

        output.WriteLine($"10000 iterations took {clock.Elapsed.TotalSeconds:F2} s");
        var costs = metrics.For("cost");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 1000L), costs.Select(c => c.Step));
        Expect.Printed(NotebookCosts, costs.Take(8).Select(c => c.Value).ToArray(), relative: 1e-6, what: "cost");
        Assert.InRange(costs[8].Value, 0.219465 - 1e-4, 0.219465 + 1e-4);
        Assert.InRange(costs[9].Value, 0.218560 - 1e-4, 0.218560 + 1e-4);
        var accuracy = Assert.Single(metrics.For("train_accuracy"));
        Assert.Equal(10000, accuracy.Step);
        Assert.InRange(accuracy.Value, 0.9075 - 0.0025, 0.9075 + 0.0025);
    }

    [Fact]
    public void A_short_run_logs_costs_every_1000_iterations_and_accuracy_at_the_end()
    {
        var metrics = new RecordingMetricSink();

        new C1W3PlanarDataJob().Run(Context(metrics, new Dictionary<string, string> { ["num_iterations"] = "2001" }));

        Assert.Equal([0L, 1000, 2000], metrics.For("cost").Select(c => c.Step));
        Expect.Printed(NotebookCosts.Take(3).ToArray(), metrics.For("cost").Select(c => c.Value).ToArray(), relative: 1e-6);
        Assert.Equal(2001, Assert.Single(metrics.For("train_accuracy")).Step);
    }

    [Fact]
    public void The_hidden_layer_size_is_taken_from_n_h()
    {
        var small = new RecordingMetricSink();
        var large = new RecordingMetricSink();

        new C1W3PlanarDataJob().Run(Context(small, new Dictionary<string, string> { ["n_h"] = "1", ["num_iterations"] = "1001" }));
        new C1W3PlanarDataJob().Run(Context(large, new Dictionary<string, string> { ["n_h"] = "20", ["num_iterations"] = "1001" }));

        Assert.NotEqual(small.For("cost")[1].Value, large.For("cost")[1].Value);
        Assert.InRange(small.Single("train_accuracy"), 0, 1);
    }

    [Fact]
    public void A_cancelled_run_stops_with_OperationCanceledException()
    {
        var metrics = new RecordingMetricSink();
        var context = Context(metrics, new Dictionary<string, string>());
        var cancelled = new JobContext
        {
            Hyperparameters = context.Hyperparameters, Data = context.Data, Metrics = metrics, Cancellation = new CancellationToken(canceled: true),
        };

        Assert.ThrowsAny<OperationCanceledException>(() => new C1W3PlanarDataJob().Run(cancelled));
        Assert.Empty(metrics.Points);
    }

    internal static JobContext Context(IMetricSink metrics, IReadOnlyDictionary<string, string> raw) => new()
    {
        Hyperparameters = HyperparameterBinder.Bind(C1W3PlanarData.Descriptor, raw),
        Data = TestData.DataDirectory,
        Metrics = metrics,
    };
}
