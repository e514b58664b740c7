using Platform.Contracts.Catalog;
using Platform.Contracts.Validation;
using Platform.Workers.Assignments.C2W2Optimization;
using Platform.Workers.Tests.Support;
using Xunit.Abstractions;
using OptimizationAssignment = Platform.Contracts.Catalog.Assignments.C2W2Optimization;

namespace Platform.Workers.Tests.Assignments.C2;

public sealed class C2W2OptimizationJobTests(ITestOutputHelper output)
{
    /// <summary>2020/21 runs: hyperparameters, average cost at epochs 0 … 4000, train accuracy after 5000 epochs.</summary>
    public static TheoryData<string, double[], double> Runs2020 => new()
    {
        { "optimizer=gd", [0.702405, 0.668101, 0.635288, 0.600491, 0.573367], 0.7166666666666667 },
        { "optimizer=adam", [0.702166, 0.167845, 0.141316, 0.138788, 0.136066], 0.9433333333333334 },
        { "optimizer=gd learning_rate=0.1 decay=update_lr", [0.701091, 0.661884, 0.658620, 0.656765, 0.655486], 0.6533333333333333 },
        { "optimizer=gd learning_rate=0.1 decay=schedule_lr_decay", [0.701091, 0.127161, 0.120304, 0.117033, 0.117512], 0.9433333333333334 },
        { "optimizer=adam learning_rate=0.01 decay=schedule_lr_decay", [0.699346, 0.130074, 0.129826, 0.129282, 0.128361], 0.94 },
    };

    /// <summary>2017 runs: 10000 epochs, last mini-batch cost at 0 … 9000, train accuracy.</summary>
    public static TheoryData<string, double[], double> Runs2017 => new()
    {
        {
            "optimizer=gd",
            [0.690736, 0.685273, 0.647072, 0.619525, 0.576584, 0.607243, 0.529403, 0.460768, 0.465586, 0.464518], 0.7966666666666666
        },
        { "optimizer=adam", [0.690552, 0.185567, 0.150852, 0.074454, 0.125936, 0.104235, 0.100552, 0.031601, 0.111709, 0.197648], 0.94 },
    };

    [Theory]
    [MemberData(nameof(Runs2020))]
    public void The_first_1000_epochs_match_the_2020_notebook(string settings, double[] costs, double accuracy)
    {
        _ = accuracy;
        var metrics = Run(settings + " num_epochs=1001");

        Assert.Equal([0L, 1000], metrics.For("cost").Select(c => c.Step));
        Expect.Printed(costs[..2], C2TestSupport.Values(metrics.For("cost")), relative: 1e-4, what: "cost");
    }

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(Runs2020))]
    public void The_2020_runs_match_the_notebook_over_5000_epochs(string settings, double[] costs, double accuracy)
    {
        var clock = RunClock.Start();
        var metrics = Run(settings + " num_epochs=5000");

        output.WriteLine($"{settings}, 5000 epochs: {clock}");
        Expect.Printed(costs, C2TestSupport.Values(metrics.For("cost")), relative: 1e-4, what: "cost");
        Assert.Equal(accuracy, metrics.At("train_accuracy", 5000));
    }

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(Runs2017))]
    public void The_2017_runs_match_the_notebook_over_10000_epochs(string settings, double[] costs, double accuracy)
    {
        var clock = RunClock.Start();
        var metrics = Run(settings);

        output.WriteLine($"{settings}, 10000 epochs: {clock} (numpy reference, adam: 4.46 s wall)");
        Expect.Printed(costs, C2TestSupport.Values(metrics.For("last_minibatch_cost")), relative: 1e-4, what: "last_minibatch_cost");
        Assert.Equal(accuracy, metrics.At("train_accuracy", 10000));
    }

    /// <summary>
    /// dtype = float32 against float64 (same mini-batches: the shuffles are drawn in float64 from the same seeds). Costs within
    /// 1e-5 relative up to epoch 1000 (measured ≤ 2e-6), then within the late band: Adam at 0.0007 amplifies rounding
    /// (measured up to 2.5e-4 by epoch 6000: 1e-3), gd with the scheduled decay a little (2.1e-5: 1e-4); momentum and Adam
    /// with update_lr stay within 1e-5 (measured 3.5e-6, 4.7e-7). Train accuracy within one of the 300 points (measured: equal).
    /// </summary>
    [Theory]
    [InlineData("optimizer=adam", 1e-3)]
    [InlineData("optimizer=momentum num_epochs=5000", 1e-5)]
    [InlineData("optimizer=gd learning_rate=0.1 decay=schedule_lr_decay num_epochs=5000", 1e-4)]
    [InlineData("optimizer=adam learning_rate=0.01 decay=update_lr decay_rate=0.5 num_epochs=5000", 1e-5)]
    public void The_float32_runs_track_the_float64_runs(string settings, double lateBand)
    {
        Float32Runs.AssertTracksFloat64(output, OptimizationAssignment.Descriptor, new C2W2OptimizationJob(), Settings(settings),
            band: epoch => epoch <= 1000 ? 1e-5 : lateBand, accuracyTolerance: 1 / 300.0);
    }

    [Fact]
    public void Decay_runs_log_the_learning_rate_after_each_reported_epoch()
    {
        var metrics = Run("optimizer=gd learning_rate=0.1 decay=update_lr num_epochs=1001");

        Assert.Equal([0.1 / 1, 0.1 / 1001], C2TestSupport.Values(metrics.For("learning_rate")));
        Assert.Empty(Run("optimizer=momentum num_epochs=1").For("learning_rate"));
    }

    [Fact]
    public void Momentum_trains_and_reports()
    {
        var metrics = Run("optimizer=momentum num_epochs=1001");

        Assert.Equal(2, metrics.For("cost").Count);
        Assert.True(metrics.For("cost")[1].Value < metrics.For("cost")[0].Value);
        Assert.InRange(metrics.At("train_accuracy", 1001), 0, 1);
    }

    [Fact]
    public void Train_accuracy_is_logged_at_each_reported_epoch_for_the_model_after_that_epoch()
    {
        var metrics = Run("optimizer=adam num_epochs=1001");

        // Reported epoch e is measured after e's updates, the model a run of e + 1 epochs ends with.
        Assert.Equal([0L, 1000, 1001], metrics.For("train_accuracy").Select(p => p.Step));
        Assert.Equal(Run("optimizer=adam num_epochs=1").At("train_accuracy", 1), metrics.At("train_accuracy", 0));
        Assert.Equal(metrics.At("train_accuracy", 1001), metrics.At("train_accuracy", 1000));
        Assert.NotEqual(metrics.At("train_accuracy", 0), metrics.At("train_accuracy", 1000));
    }

    [Theory]
    [InlineData("[3, 5, 1]", "must start with the number of input features 2, got 3")]
    [InlineData("[2, 5, 2]", "must end with the single output unit 1 after the input size, got [2, 5, 2]")]
    public void A_layers_dims_that_does_not_fit_the_data_is_refused_when_binding(string layersDims, string message)
    {
        var error = Assert.Throws<PlatformValidationException>(() => HyperparameterBinder.Bind(
            OptimizationAssignment.Descriptor, new Dictionary<string, string> { ["layers_dims"] = layersDims }));

        Assert.Equal(new ValidationError("params.layers_dims", message), Assert.Single(error.Errors));
    }

    private static RecordingMetricSink Run(string settings)
    {
        var metrics = new RecordingMetricSink();
        new C2W2OptimizationJob().Run(C2TestSupport.Context(OptimizationAssignment.Descriptor, metrics, Settings(settings)));
        return metrics;
    }

    private static Dictionary<string, string> Settings(string settings) =>
        settings.Split(' ').Select(s => s.Split('=')).ToDictionary(p => p[0], p => p[1]);
}
