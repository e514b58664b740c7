using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Contracts.Validation;
using Platform.Workers.Assignments.C1W4;
using Platform.Workers.Data;
using Platform.Workers.Tests.Support;

namespace Platform.Workers.Tests.Assignments.DeepNnApplication;

/// <summary>Spec §5's EXACT costs and accuracies. The first 200 iterations run by default; the full runs are Slow.</summary>
public sealed class C1W4DeepNnApplicationJobTests
{
    private static readonly Dictionary<long, double> TwoLayerCosts = new()
    {
        [0] = 0.693049735659989, [100] = 0.6464320953428849, [200] = 0.6325140647912677, [300] = 0.6015024920354665,
        [400] = 0.5601966311605747, [500] = 0.5158304772764729, [1000] = 0.3394281538366412, [1500] = 0.1744831811255665,
        [2000] = 0.07439078704319081, [2400] = 0.04855478562877017, [2499] = 0.04421498215868951,
    };

    private static readonly Dictionary<long, double> LLayerCosts = new()
    {
        [0] = 0.7717493284237686, [100] = 0.6720534400822914, [200] = 0.6482632048575212, [300] = 0.6115068816101356,
        [400] = 0.5670473268366111, [500] = 0.5401376634547801, [1000] = 0.3151869888600615, [1500] = 0.16118854665827753,
        [2000] = 0.1138206066863371, [2400] = 0.09287821526472395, [2499] = 0.088439943441702,
    };

    private static readonly Dictionary<string, string> TwoLayer = new() { ["model"] = "two_layer_model", ["layers_dims"] = "[12288, 7, 1]" };

    [Fact]
    public void The_L_layer_model_reproduces_the_notebooks_first_200_iterations()
    {
        var metrics = Run(new() { ["num_iterations"] = "201" });

        AssertCosts(LLayerCosts, metrics, [0, 100, 200]);
    }

    [Fact]
    public void The_two_layer_model_reproduces_the_notebooks_first_200_iterations()
    {
        var metrics = Run(new(TwoLayer) { ["num_iterations"] = "201" });

        AssertCosts(TwoLayerCosts, metrics, [0, 100, 200]);
    }

    [Fact]
    public void The_two_layer_short_run_logs_the_cost_of_its_last_iteration()
    {
        var metrics = Run(new(TwoLayer) { ["num_iterations"] = "2" });

        Assert.Equal([0L, 1], metrics.For("cost").Select(p => p.Step));
        Expect.Printed(0.6926114346158595, metrics.For("cost")[1].Value, relative: 1e-7);
        Assert.All(metrics.Points.Where(p => p.Key != "cost"), p => Assert.Equal(2, p.Step));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void The_full_L_layer_run_reproduces_every_notebook_cost_and_both_accuracies()
    {
        var metrics = Run([]);

        AssertCosts(LLayerCosts, metrics, [.. LLayerCosts.Keys]);
        Assert.Equal(26, metrics.For("cost").Count);
        Assert.Equal(0.9856459330143539, metrics.Single("train_accuracy"));
        Assert.Equal(0.8, metrics.Single("test_accuracy"));
        Assert.All(metrics.Points.Where(p => p.Key != "cost"), p => Assert.Equal(2500, p.Step));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void The_full_two_layer_run_reproduces_every_notebook_cost_and_both_accuracies()
    {
        var metrics = Run(new(TwoLayer));

        AssertCosts(TwoLayerCosts, metrics, [.. TwoLayerCosts.Keys]);
        Assert.Equal(0.9999999999999998, metrics.Single("train_accuracy"));
        Assert.Equal(0.72, metrics.Single("test_accuracy"));
    }

    [Theory]
    [InlineData("two_layer_model", "[12288, 20, 7, 5, 1]", "two_layer_model takes three sizes (n_x, n_h, n_y), got [12288, 20, 7, 5, 1]")]
    [InlineData("L_layer_model", "[12288, 20, 2]", "must end with the single output unit 1 after at least the input size, got [12288, 20, 2]")]
    public void Layers_dims_that_do_not_fit_the_model_are_refused_when_binding(string model, string layersDims, string message)
    {
        var error = Assert.Throws<PlatformValidationException>(() => HyperparameterBinder.Bind(
            C1W4DeepNnApplication.Descriptor, new Dictionary<string, string> { ["model"] = model, ["layers_dims"] = layersDims }));

        Assert.Equal(new ValidationError("params.layers_dims", message), Assert.Single(error.Errors));
    }

    [Fact]
    public void A_missing_training_file_fails_naming_the_file_and_the_data_directory()
    {
        var empty = Directory.CreateTempSubdirectory("no-cats-");
        try
        {
            var context = JobContexts.For(C1W4DeepNnApplication.Descriptor, new RecordingMetricSink(), dataDirectory: empty.FullName);

            var error = Assert.Throws<DataFileNotFoundException>(() => new C1W4DeepNnApplicationJob().Run(context));

            Assert.Contains(C1W4DeepNnApplicationJob.TrainFile, error.Message);
            Assert.Contains(empty.FullName, error.Message);
        }
        finally
        {
            empty.Delete();
        }
    }

    [Fact]
    public void A_cancelled_run_stops_with_OperationCanceledException()
    {
        var metrics = new RecordingMetricSink();
        var context = JobContexts.For(C1W4DeepNnApplication.Descriptor, metrics, cancellation: new CancellationToken(canceled: true));

        Assert.ThrowsAny<OperationCanceledException>(() => new C1W4DeepNnApplicationJob().Run(context));
        Assert.Empty(metrics.Points);
    }

    private static RecordingMetricSink Run(Dictionary<string, string> raw)
    {
        var metrics = new RecordingMetricSink();
        new C1W4DeepNnApplicationJob().Run(JobContexts.For(C1W4DeepNnApplication.Descriptor, metrics, raw));
        return metrics;
    }

    /// <summary>Costs along the run to 1e-7 relative (they are reproduced in float64; spec §0.4 allows 1e-4 on long runs).</summary>
    private static void AssertCosts(Dictionary<long, double> notebook, RecordingMetricSink metrics, long[] steps)
    {
        var logged = metrics.For("cost").ToDictionary(p => p.Step, p => p.Value);
        foreach (var step in steps)
        {
            Assert.True(logged.ContainsKey(step), $"no cost logged at {step}");
            Expect.Printed(notebook[step], logged[step], relative: step < 1000 ? 1e-7 : 1e-4, what: $"cost at {step}");
        }
    }
}
