using Platform.Contracts.Catalog;
using Platform.Contracts.Validation;
using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Assignments.C2W1Regularization;
using Platform.Workers.Data;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Support;
using Xunit.Abstractions;
using RegularizationAssignment = Platform.Contracts.Catalog.Assignments.C2W1Regularization;

namespace Platform.Workers.Tests.Assignments.C2;

public sealed class C2W1RegularizationTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, double[], double, double> MainRuns => new()
    {
        { "lambd", "0", [0.6557412523481002, 0.16329987525724216, 0.13851642423255986], 0.9478672985781991, 0.915 },
        { "lambd", "0.7", [0.6974484493131264, 0.2684918873282239, 0.2680916337127301], 0.9383886255924171, 0.93 },
        { "keep_prob", "0.86", [0.6543912405149825, 0.06101698657490559, 0.060582435798513114], 0.9289099526066351, 0.95 },
    };

    [Fact]
    public void Compute_cost_with_regularization_matches_the_notebook()
    {
        var (_, parameters, y) = Recipe(withX: false);
        double[] a3 = [0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402];

        Expect.Printed(1.7864859451590758, FullBatchTraining.Cost<double>(a3, y.Data, parameters.AsArrays(), lambd: 0.1));
    }

    [Fact]
    public void Backward_propagation_with_regularization_matches_the_notebook()
    {
        var (x, parameters, y) = Recipe();
        var network = new ReluSigmoidNetwork<double>(parameters.LayerDims, 5);
        var gradients = parameters.ZerosLike();

        network.Forward(parameters.AsArrays(), x.Data, 5);
        network.Backward(parameters.AsArrays(), x.Data, y.Data, gradients.AsArrays(), GradientScaling.AtWeights, lambd: 0.7);

        C2TestSupport.Equal(new[,] { { -0.25604646, 0.12298827, -0.28297129 }, { -0.17706303, 0.34536094, -0.4410571 } }, gradients.W[0], "dW1");
        C2TestSupport.Equal(new[,] { { 0.79276486, 0.85133918 }, { -0.0957219, -0.01720463 }, { -0.13100772, -0.03750433 } }, gradients.W[1], "dW2");
        C2TestSupport.Equal(new[,] { { -1.77691347, -0.11832879, -0.09397446 } }, gradients.W[2], "dW3");
    }

    [Fact]
    public void Forward_propagation_with_dropout_reseeds_and_matches_the_notebook()
    {
        var (x, parameters, _) = Recipe();
        var network = new ReluSigmoidNetwork<double>(parameters.LayerDims, 5);

        network.Forward(parameters.AsArrays(), x.Data, 5, Dropout<double>.Draw(parameters.LayerDims, 5, keepProb: 0.7));

        C2TestSupport.Equal(new[,] { { 0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721 } }, network.Activation(3), "A3");
    }

    [Fact]
    public void Backward_propagation_with_dropout_matches_the_notebook()
    {
        var (x, drawn, y) = Recipe();
        // The test file's cache holds W1 … b3 (and the activations) printed to 8 decimals; a small dA is sensitive to that.
        var parameters = new ParameterSet(drawn.W.Select(w => w.Round(8)).ToArray(), drawn.B.Select(b => b.Round(8)).ToArray());
        var network = new ReluSigmoidNetwork<double>(parameters.LayerDims, 5);
        var dropout = Dropout<double>.Draw(parameters.LayerDims, 5, keepProb: 0.5);

        network.Forward(parameters.AsArrays(), x.Data, 5, dropout);
        network.RoundActivations(8);
        network.Backward(parameters.AsArrays(), x.Data, y.Data, parameters.ZerosLike().AsArrays(), GradientScaling.AtWeights, dropout: dropout.WithKeepProb(0.8));

        C2TestSupport.Equal(
            new[,] { { 0.36544439, 0, -0.00188233, 0, -0.17408748 }, { 0.65515713, 0, -0.00337459, 0, -0 } }, network.ActivationGradient(1), "dA1");
        C2TestSupport.Equal(
            new[,]
            {
                { 0.58180856, 0, -0.00299679, 0, -0.27715731 }, { 0, 0.53159854, -0, 0.53159854, -0.34089673 }, { 0, 0, -0.00292733, 0, -0 },
            },
            network.ActivationGradient(2), "dA2");
    }

    [Theory]
    [MemberData(nameof(MainRuns))]
    public void The_first_10000_iterations_match_the_notebooks_costs(string name, string value, double[] costs, double train, double test)
    {
        _ = (train, test);
        var metrics = new RecordingMetricSink();

        new C2W1RegularizationJob().Run(C2TestSupport.Context(
            RegularizationAssignment.Descriptor, metrics, new Dictionary<string, string> { [name] = value, ["num_iterations"] = "10001" }));

        var logged = metrics.For("cost");
        Assert.Equal(Enumerable.Range(0, 11).Select(i => i * 1000L), logged.Select(c => c.Step));
        Expect.Printed(costs[0], logged[0].Value, relative: 1e-7, what: "cost 0");
        Expect.Printed(costs[1], logged[10].Value, relative: 1e-4, what: "cost 10000");
    }

    [Theory]
    [InlineData("lambd", "0.7")]
    [InlineData("keep_prob", "0.86")]
    public void Both_accuracies_are_logged_with_each_cost_for_the_model_that_cost_was_computed_from(string name, string value)
    {
        RecordingMetricSink Run(int iterations)
        {
            var metrics = new RecordingMetricSink();
            new C2W1RegularizationJob().Run(C2TestSupport.Context(RegularizationAssignment.Descriptor, metrics,
                new Dictionary<string, string> { [name] = value, ["num_iterations"] = iterations.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
            return metrics;
        }

        var metrics = Run(2001);
        var shorter = Run(2000);

        foreach (var key in new[] { "train_accuracy", "test_accuracy" })
        {
            Assert.Equal([0L, 1000, 2000, 2001], metrics.For(key).Select(p => p.Step));
            // The cost at iteration i is computed before i's update: the model after i iterations, what a run of i ends with.
            Assert.Equal(shorter.At(key, 2000), metrics.At(key, 2000));
        }

        var initial = C2W1RegularizationJob.InitializeParameters(C2W1RegularizationJob.LayersDims);
        var (trainX, trainY) = LabelledPointsCsv.Read(TestData.DataDirectory.File(C2W1RegularizationJob.TrainFile));
        Assert.Equal(BinaryClassifier.Accuracy(initial, trainX, trainY), metrics.At("train_accuracy", 0));
    }

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(MainRuns))]
    public void The_main_runs_reproduce_the_notebooks_costs_and_accuracies(string name, string value, double[] costs, double train, double test)
    {
        var metrics = new RecordingMetricSink();
        var clock = RunClock.Start();

        new C2W1RegularizationJob().Run(C2TestSupport.Context(
            RegularizationAssignment.Descriptor, metrics, new Dictionary<string, string> { [name] = value }));

        output.WriteLine($"{name}={value}, 30000 iterations: {clock} (numpy reference, none: 2.15 s wall)");
        var logged = metrics.For("cost");
        Assert.Equal(30, logged.Count);
        Expect.Printed(costs, [logged[0].Value, logged[10].Value, logged[20].Value], relative: 1e-4, what: "cost");
        Assert.Equal(train, metrics.At("train_accuracy", 30000));
        Assert.Equal(test, metrics.At("test_accuracy", 30000));
    }

    /// <summary>
    /// dtype = float32 against float64 (unit roundoff 6e-8). The first costs agree to float32 rounding (measured ≤ 1e-6 up
    /// to the step in the data); then these runs amplify any perturbation: the float64 run started from its initial weights
    /// rounded to float32, with no float32 arithmetic at all, moves its costs by up to 5.4% (none), 3.5e-4 (L2) and 0.74%
    /// (dropout) over 30000 iterations. So after that step the bands are those amplifications with a margin of about 2:
    /// 10%, 2e-3 and 5% (float32 measured: 4.7%, 7.7e-4 and 1.9%). Mid-training (10000 iterations) none's train accuracy
    /// moves by two of the 211 examples; at the end of the main runs accuracies agree within one example (measured: none's
    /// train accuracy moves by one, the others are equal).
    /// </summary>
    public static TheoryData<string, string, long, double> Float32Bands => new()
    {
        { "lambd", "0", 1000, 0.1 },
        { "lambd", "0.7", 3000, 2e-3 },
        { "keep_prob", "0.86", 0, 0.05 },
    };

    [Theory]
    [MemberData(nameof(Float32Bands))]
    public void The_first_10000_iterations_in_float32_track_the_float64_runs(string name, string value, long closeUntil, double lateBand)
    {
        AssertFloat32TracksFloat64(name, value, 10001, closeUntil, lateBand, examples: 2);
    }

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(Float32Bands))]
    public void The_main_runs_in_float32_track_the_float64_runs(string name, string value, long closeUntil, double lateBand)
    {
        AssertFloat32TracksFloat64(name, value, 30000, closeUntil, lateBand, examples: 1);
    }

    [Theory]
    [InlineData("keep_prob", "0")]
    [InlineData("keep_prob", "1.5")]
    [InlineData("lambd", "-0.1")]
    [InlineData("learning_rate", "-1")]
    public void Out_of_range_hyperparameters_are_rejected_with_their_name(string name, string value)
    {
        var error = Assert.Throws<PlatformValidationException>(() =>
            HyperparameterBinder.Bind(RegularizationAssignment.Descriptor, new Dictionary<string, string> { [name] = value }));

        Assert.Contains(name, error.Message);
    }

    [Fact]
    public void L2_and_dropout_together_are_refused_when_binding_naming_keep_prob()
    {
        var error = Assert.Throws<PlatformValidationException>(() => HyperparameterBinder.Bind(
            RegularizationAssignment.Descriptor, new Dictionary<string, string> { ["lambd"] = "0.7", ["keep_prob"] = "0.86" }));

        Assert.Equal(
            new ValidationError("params.keep_prob", "dropout (keep_prob 0.86) cannot be combined with L2 (lambd 0.7): set keep_prob = 1 or lambd = 0"),
            Assert.Single(error.Errors));
    }

    /// <param name="examples">how many examples an accuracy may move (k/200 admits k of the 200 test or of the 211 training points)</param>
    private void AssertFloat32TracksFloat64(string name, string value, int numIterations, long closeUntil, double lateBand, int examples) =>
        Float32Runs.AssertTracksFloat64(output, RegularizationAssignment.Descriptor, new C2W1RegularizationJob(),
            new Dictionary<string, string> { [name] = value, ["num_iterations"] = numIterations.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            band: step => step <= closeUntil ? 1e-5 : lateBand, accuracyTolerance: examples / 200.0);

    /// <summary>The notebook's test recipe R (spec §7): seed 1; X = randn(3,5); W1 … b3; Y = [[1,1,0,1,0]].</summary>
    private static (Matrix X, ParameterSet Parameters, Matrix Y) Recipe(bool withX = true)
    {
        var random = new NumpyRandom(1);
        var x = withX ? new Matrix(3, 5, random.Randn(3, 5)) : new Matrix(3, 5);
        Matrix Draw(int rows, int columns) => new(rows, columns, random.Randn(rows, columns));
        var w1 = Draw(2, 3);
        var b1 = Draw(2, 1);
        var w2 = Draw(3, 2);
        var b2 = Draw(3, 1);
        var w3 = Draw(1, 3);
        var b3 = Draw(1, 1);
        return (x, new ParameterSet([w1, w2, w3], [b1, b2, b3]), new Matrix(1, 5, [1, 1, 0, 1, 0]));
    }
}
