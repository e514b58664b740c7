using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Assignments.C1W2;
using Platform.Workers.Data;
using Platform.Workers.Jobs;
using Platform.Workers.Tests.Support;

namespace Platform.Workers.Tests.Assignments;

public sealed class C1W2LogisticRegressionJobTests
{
    private static readonly double[] NotebookCosts =
    [
        0.693147, 0.584508, 0.466949, 0.376007, 0.331463, 0.303273, 0.279880, 0.260042, 0.242941, 0.228004,
        0.214820, 0.203078, 0.192544, 0.183033, 0.174399, 0.166521, 0.159305, 0.152667, 0.146542, 0.140872,
    ];

    [Fact]
    public void The_main_run_logs_the_notebooks_20_costs_and_accuracies()
    {
        var metrics = new RecordingMetricSink();

        new C1W2LogisticRegressionJob().Run(Context(metrics, new Dictionary<string, string>()));

        var costs = metrics.For("cost");
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i * 100), costs.Select(c => c.Step));
        Expect.Printed(NotebookCosts, costs.Select(c => c.Value).ToArray(), relative: 1e-6, what: "cost");
        Assert.Equal(0.9904306220095694, metrics.Single("train_accuracy"));
        Assert.Equal(0.70, metrics.Single("test_accuracy"));
        Assert.All(metrics.Points.Where(p => p.Key != "cost"), p => Assert.Equal(2000, p.Step));
        Assert.Equal(["cost", "train_accuracy", "test_accuracy"], metrics.Points.Select(p => p.Key).Distinct());
    }

    [Fact]
    public void Other_hyperparameters_change_the_run_and_the_accuracy_step_follows_num_iterations()
    {
        var metrics = new RecordingMetricSink();

        new C1W2LogisticRegressionJob().Run(Context(metrics, new Dictionary<string, string> { ["num_iterations"] = "150", ["learning_rate"] = "0.01" }));

        var costs = metrics.For("cost");
        Assert.Equal([0L, 100], costs.Select(c => c.Step));
        Expect.Printed(0.693147, costs[0].Value, relative: 1e-6);
        Assert.True(Math.Abs(costs[1].Value - 0.584508) > 1e-3, $"cost at 100 with learning_rate 0.01 should differ from the main run's, got {costs[1].Value}");
        Assert.Equal(150, metrics.For("train_accuracy").Single().Step);
        Assert.Equal(150, metrics.For("test_accuracy").Single().Step);
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

        Assert.ThrowsAny<OperationCanceledException>(() => new C1W2LogisticRegressionJob().Run(cancelled));
        Assert.Empty(metrics.For("test_accuracy"));
    }

    [Fact]
    public void A_missing_training_file_fails_naming_the_file_and_the_data_directory()
    {
        var empty = Directory.CreateTempSubdirectory("no-cats-");
        try
        {
            var metrics = new RecordingMetricSink();
            var context = Context(metrics, new Dictionary<string, string>(), empty.FullName);

            var error = Assert.Throws<DataFileNotFoundException>(() => new C1W2LogisticRegressionJob().Run(context));

            Assert.Contains(C1W2LogisticRegressionJob.TrainFile, error.Message);
            Assert.Contains(empty.FullName, error.Message);
            Assert.Empty(metrics.Points);
        }
        finally
        {
            empty.Delete();
        }
    }

    internal static JobContext Context(IMetricSink metrics, IReadOnlyDictionary<string, string> raw, string? dataDirectory = null) => new()
    {
        Hyperparameters = HyperparameterBinder.Bind(C1W2LogisticRegression.Descriptor, raw),
        Data = dataDirectory is null ? TestData.DataDirectory : new DataDirectory(dataDirectory),
        Metrics = metrics,
    };
}
