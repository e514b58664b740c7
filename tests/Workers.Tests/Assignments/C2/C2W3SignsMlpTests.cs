using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Assignments.C2W3SignsMlp;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;
using SignsAssignment = Platform.Contracts.Catalog.Assignments.C2W3SignsMlp;

namespace Platform.Workers.Tests.Assignments.C2;

public sealed class C2W3SignsMlpTests(ITestOutputHelper output)
{
    [Fact]
    public void Linear_function_matches_the_notebook()
    {
        C2TestSupport.Equal(new[,] { { -2.15657382 }, { 2.95891446 }, { -1.08926781 }, { -0.84538042 } }, TensorFlowTutorialHelpers.LinearFunction(), "Y");
    }

    [Fact]
    public void Sigmoid_matches_the_notebook()
    {
        Assert.Equal(0.5, TensorFlowTutorialHelpers.Sigmoid(0));
        Expect.Printed(0.999994, TensorFlowTutorialHelpers.Sigmoid(12));
        Expect.Printed(0.2689414, TensorFlowTutorialHelpers.Sigmoid(-1));
    }

    [Fact]
    public void Sigmoid_cross_entropy_of_sigmoided_logits_matches_the_notebook()
    {
        double[] logits = [0.2, 0.4, 0.7, 0.9];
        double[] labels = [0, 0, 1, 1];

        var costs = logits.Select((z, i) => TensorFlowTutorialHelpers.SigmoidCrossEntropyWithLogits(TensorFlowTutorialHelpers.Sigmoid(z), labels[i])).ToArray();

        Expect.Printed([1.00538719, 1.03664088, 0.41385433, 0.39956614], costs);
    }

    [Fact]
    public void One_hot_puts_each_label_in_its_class_row()
    {
        var oneHot = TensorFlowTutorialHelpers.OneHot([1, 2, 3, 0, 2, 1], 4);

        C2TestSupport.Equal(new double[,] { { 0, 0, 0, 1, 0, 0 }, { 1, 0, 0, 0, 0, 1 }, { 0, 1, 0, 0, 1, 0 }, { 0, 0, 1, 0, 0, 0 } }, oneHot, "one_hot");
    }

    [Fact]
    public void The_jpeg_stand_in_gives_1080_training_images_in_file_name_order_labelled_by_leading_digit()
    {
        var train = C2W3SignsMlpJob.ReadTrainSet(TestData.DataDirectory);

        Assert.Equal(1080, train.Count);
        Assert.Equal(12288, train.FeaturesPerImage);
        Assert.Equal(train.FileNames.Order(StringComparer.Ordinal), train.FileNames);
        Assert.All(Enumerable.Range(0, 6), label => Assert.Equal(180, train.Labels.Count(l => l == label)));
        Assert.All(Enumerable.Range(0, train.Count), i => Assert.Equal(train.FileNames[i][0] - '0', train.Labels[i]));
        Assert.Contains(train.Pixels, p => p > 200);
    }

    [Fact]
    public void The_model_has_the_notebooks_shapes_and_307615_parameters()
    {
        TorchRuntime.EnsureInitialized(); // before the first module: the test may run first in its process
        using var model = SignsMlp.Create(torch.CPU, ScalarType.Float32);

        Assert.Equal(307615, model.ParameterCount);
        Assert.Equal([25L, 12288], model.Weights[0].shape);
        Assert.Equal([25L, 1], model.Biases[0].shape);
        Assert.Equal([6L, 12], model.Weights[2].shape);
    }

    [Fact]
    public void The_float64_model_starts_from_the_same_float32_draws_widened_exactly()
    {
        TorchRuntime.EnsureInitialized();
        using var scope = torch.NewDisposeScope();
        using var float32 = SignsMlp.Create(torch.CPU, ScalarType.Float32);
        using var float64 = SignsMlp.Create(torch.CPU, ScalarType.Float64);

        Assert.All(float64.Parameters, p => Assert.Equal(ScalarType.Float64, p.dtype));
        Assert.All(float32.Parameters.Zip(float64.Parameters), pair => Assert.True(pair.First.to_type(ScalarType.Float64).eq(pair.Second).all().item<bool>()));
    }

    [Theory]
    [InlineData(null, "<f8", 8)]
    [InlineData(DtypeHyperparameter.Float32, "<f4", 4)]
    public void A_short_run_logs_a_falling_cost_every_epoch_both_accuracies_and_its_artifacts(string? dtype, string descr, int bytesPerValue)
    {
        var metrics = new RecordingMetricSink();
        var artifacts = new RecordingRunOutputs();
        var clock = RunClock.Start();
        var raw = new Dictionary<string, string> { ["num_epochs"] = "4" };
        if (dtype is not null)
        {
            raw[DtypeHyperparameter.Name] = dtype;
        }

        new C2W3SignsMlpJob().Run(JobContexts.For(SignsAssignment.Descriptor, metrics, raw, outputs: artifacts));

        output.WriteLine($"4 epochs, {dtype ?? "default"}: {clock}; " + string.Join(", ", metrics.For("cost").Select(c => c.Value)));
        var costs = metrics.For("cost");
        Assert.Equal([0L, 1, 2, 3], costs.Select(c => c.Step));
        Assert.InRange(costs[0].Value, 1.6, 2.0);
        Assert.True(costs[3].Value < costs[0].Value);
        Assert.InRange(metrics.Single("train_accuracy"), 0, 1);
        Assert.InRange(metrics.Single("test_accuracy"), 0, 1);
        Assert.Equal(["cost.png", "parameters.npz"], artifacts.Paths);
        var w1 = Numerics.NpzTests.Npy(Numerics.NpzTests.Read(artifacts.Artifacts["parameters.npz"])["W1.npy"]);
        Assert.StartsWith($"{{'descr': '{descr}', 'fortran_order': False, 'shape': (25, 12288), }}", w1.Header);
        Assert.Equal(25 * 12288 * bytesPerValue, w1.Data.Length);
    }

    /// <summary>
    /// dtype = float32 against the float64 default over the first epochs (same draws, batches and Adam form; only the
    /// rounding differs): costs within 1e-6 relative (measured: 1e-9 at epoch 0, 9e-9 at epoch 3; float32's unit roundoff is
    /// 6e-8), accuracies within one example of the 120 test images (measured: equal).
    /// </summary>
    [Fact]
    public void The_float32_run_tracks_the_float64_run_over_the_first_epochs()
    {
        Float32Runs.AssertTracksFloat64(output, SignsAssignment.Descriptor, new C2W3SignsMlpJob(),
            new Dictionary<string, string> { ["num_epochs"] = "4" }, band: _ => 1e-6, accuracyTolerance: 1 / 120.0);
    }

    // 1500 epochs are 51,000 Adam steps whose two W1 products (25×12288 by 32) make 2 TFLOP: in the float64 default
    // 220-229 s of CPU on one core of the build machine under a load of 7-25 (float32: 92-114 s), too long for CI's Slow
    // category, so Long: run by hand (dotnet test -c Release --filter Category=Long).
    // The spec's band, unwidened, with the notebook's own initial weights (TF1's Xavier draw) and TF1's Adam, in float64.
    // KNOWN TO FAIL (2026-11-26): on the 1080 stand-in files (spec §0.7) the float64 default ends at train 1.0 and test
    // 0.833 (100/120), two test images above the band; the float32 option (the notebook's type) at train 1.0 and test
    // 0.825, one above. Without the stand-in's 12 copies of test photos float32 ended below it (train 0.847, test 0.608).
    // Which first-layer relus survive Adam's first steps decides it, and the training-set order decides that: on eight
    // other orders of the same files (an experiment, not a search; bench c2w3-orders) 2 of 9 runs land in the band, two
    // die at chance and the others end at 0.59-0.87. See bench/RESULTS.md (c2w3-signs-mlp band).
    [Fact]
    [Trait("Category", "Long")]
    public void The_main_run_falls_in_the_band()
    {
        var metrics = new RecordingMetricSink();
        var clock = RunClock.Start();

        new C2W3SignsMlpJob().Run(C2TestSupport.Context(SignsAssignment.Descriptor, metrics));

        var costs = metrics.For("cost");
        output.WriteLine($"1500 epochs: {clock}; cost 0/100/500/1000/1400 = {string.Join(", ", new[] { 0, 100, 500, 1000, 1400 }.Select(e => costs[e].Value.ToString("F6")))}; "
            + $"train {metrics.Single("train_accuracy"):F6}, test {metrics.Single("test_accuracy"):F6}");
        Assert.Equal(1500, costs.Count);
        Assert.True(costs[100].Value < costs[0].Value && costs[500].Value < costs[100].Value && costs[1400].Value < costs[500].Value);
        Assert.True(metrics.Single("train_accuracy") >= 0.97);
        Assert.InRange(metrics.Single("test_accuracy"), 0.65, 0.82);
    }
}

public sealed class SignsMlpTrainerTests
{
    /// <summary>float32 as TensorFlow computes; float64 agrees with autograd to rounding of that type.</summary>
    [Theory]
    [InlineData(ScalarType.Float32, 1e-4, 1e-7)]
    [InlineData(ScalarType.Float64, 1e-10, 1e-15)]
    public void The_written_out_backward_pass_gives_autograds_gradients(ScalarType dtype, double rtol, double atol)
    {
        TorchRuntime.EnsureInitialized();
        using var scope = torch.NewDisposeScope();
        using var model = SignsMlp.Create(torch.CPU, dtype);
        torch.random.manual_seed(5);
        var columns = torch.rand(12288, 8).to_type(dtype);
        var oneHot = torch.nn.functional.one_hot(torch.tensor(new long[] { 0, 1, 2, 3, 4, 5, 0, 1 }), 6).to_type(dtype).t();
        using var trainer = new SignsMlpTrainer(model, 1e-4);

        var cost = Float64Tensors.Item(trainer.Backward(columns, oneHot));

        var leaves = model.Parameters.Select(p => p.detach().clone().requires_grad_(true)).ToArray();
        var a = columns;
        for (var l = 0; l < 3; l++)
        {
            var z = leaves[2 * l].mm(a) + leaves[2 * l + 1];
            a = l < 2 ? z.relu() : z;
        }

        var expectedCost = torch.nn.functional.cross_entropy(a.t(), oneHot.t().argmax(1));
        expectedCost.backward();
        Assert.Equal(Float64Tensors.Item(expectedCost), cost, rtol * 0.1);
        for (var i = 0; i < leaves.Length; i++)
        {
            Assert.True(torch.allclose(leaves[i].grad!, trainer.Gradients[i], rtol: rtol, atol: atol), $"gradient {i}");
        }
    }

    [Theory]
    [InlineData(ScalarType.Float32, 1e-5, 1e-7)]
    [InlineData(ScalarType.Float64, 1e-13, 1e-16)]
    public void The_fused_cpu_adam_matches_the_tensor_operations_and_first_moves_each_value_by_the_learning_rate(ScalarType dtype, double rtol, double atol)
    {
        TorchRuntime.EnsureInitialized();
        using var scope = torch.NewDisposeScope();
        torch.random.manual_seed(7);
        var start = torch.randn(37, 5).to_type(dtype); // 185 values: whole SIMD vectors and a remainder
        var fused = start.clone();
        var plain = start.clone();
        using var fusedAdam = FusedAdam.For([fused], 0.01);
        using var plainAdam = FusedAdam.For([plain], 0.01, fusedOnCpu: false);
        for (var t = 0; t < 5; t++)
        {
            var gradient = torch.randn(37, 5).to_type(dtype);
            fusedAdam.Step([gradient]);
            plainAdam.Step([gradient]);
            if (t == 0)
            {
                // Step 1: m̂ = g and v̂ = g², so every value moves by learning_rate·g/|g| = ±0.01 (ε aside).
                Assert.True(torch.allclose((start - fused).abs(), torch.full_like(start, 0.01), rtol: 1e-3, atol: 1e-6), "first step");
            }
        }

        Assert.True(torch.allclose(fused, plain, rtol: rtol, atol: atol));
    }

    [Fact]
    public void Adam_computes_in_its_parameters_type_and_refuses_others_by_name()
    {
        TorchRuntime.EnsureInitialized();
        using var scope = torch.NewDisposeScope();

        Assert.IsType<FusedAdam<float>>(FusedAdam.For([torch.zeros(2)], 0.01));
        Assert.IsType<FusedAdam<double>>(FusedAdam.For([torch.zeros(2, dtype: ScalarType.Float64)], 0.01));
        var error = Assert.Throws<ArgumentException>(() => FusedAdam.For([torch.zeros(2, dtype: ScalarType.Float16)], 0.01));

        Assert.Equal("parameters", error.ParamName);
        Assert.Contains("Float16", error.Message);
    }
}
