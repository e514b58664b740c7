using Platform.Workers.Assignments.C4;
using Platform.Workers.Assignments.C4W1SignsConvNet;
using Platform.Workers.Jobs;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Assignments.C2;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;
using Xunit.Abstractions;
using static TorchSharp.torch;
using ConvNetAssignment = Platform.Contracts.Catalog.Assignments.C4W1SignsConvNet;

namespace Platform.Workers.Tests.Assignments.C4;

public sealed class SignsConvNetTests(ITestOutputHelper output)
{
    [Fact]
    public void The_model_has_pytorch_names_and_the_notebooks_1310_parameters()
    {
        TorchRuntime.EnsureInitialized();
        using var model = new SignsConvNet();

        Assert.Equal(new KerasParameterCount(1310, 0), KerasParameterCount.Of(model));
        Assert.Equal(
            [("conv1.weight", [8L, 3, 4, 4]), ("conv1.bias", [8L]), ("conv2.weight", [16L, 8, 2, 2]), ("conv2.bias", [16L]), ("fc.weight", [6L, 64]), ("fc.bias", [6L])],
            C4TestSupport.ParameterShapes(model));
    }

    [Fact]
    public void The_2017_model_has_no_convolution_biases_and_the_notebooks_1286_parameters()
    {
        TorchRuntime.EnsureInitialized();
        using var model = SignsConvNet.Notebook2017();

        Assert.Equal(new KerasParameterCount(1286, 0), KerasParameterCount.Of(model));
        Assert.Equal(
            [("conv1.weight", [8L, 3, 4, 4]), ("conv2.weight", [16L, 8, 2, 2]), ("fc.weight", [6L, 64]), ("fc.bias", [6L])],
            C4TestSupport.ParameterShapes(model));
        var shapes = C4TestSupport.LayerShapes((x, trace) => model.Forward(x, trace));
        Assert.Equal([2L, 64], shapes["flatten"]);
        Assert.Equal([2L, 6], shapes["fc"]);
    }

    // The 2017 notebook's forward_propagation and compute_cost tests (spec §12: informational, as they depend on TF1's
    // initialiser): np.random.seed(1), then initialize_parameters() and forward_propagation in a fresh graph, fed
    // X = randn(2, 64, 64, 3) (then Y = randn(2, 6)); compute_cost the same with X = randn(4, 64, 64, 3), Y = randn(4, 6).
    // Their Expected Output: Z3 below and cost = 2.91034. Matching all 12 values checks the TF1 weights (W1, W2 and the
    // fully connected layer's op seed), the asymmetric 'same' padding, both poolings and TF's (h, w, c) flatten order.
    [Fact]
    public void The_2017_model_reproduces_the_notebooks_printed_forward_and_cost()
    {
        TorchRuntime.EnsureInitialized();
        using var model = SignsConvNet.Notebook2017();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        static Tensor Images(NumpyRandom random, int m) =>
            tensor(random.Randn(m, 64, 64, 3), [m, 64, 64, 3]).to_type(ScalarType.Float32).permute(0, 3, 1, 2);

        var z3 = model.forward(Images(new NumpyRandom(1), 2)).data<float>().ToArray();
        var random = new NumpyRandom(1);
        var logits = model.forward(Images(random, 4));
        var y = tensor(random.Randn(4, 6), [4, 6]).to_type(ScalarType.Float32);
        var cost = y.mul(nn.functional.log_softmax(logits, 1)).sum(1).mean().neg().item<float>();

        double[] printed =
        [
            -0.44670227, -1.57208765, -1.53049231, -2.31013036, -1.29104376, 0.46852064,
            -0.17601591, -1.57972014, -1.4737016, -2.61672091, -1.00810647, 0.5747785,
        ];
        // float32 throughout, summed in another order than TF's kernels: within 2e-6 of the 8-digit printout.
        Assert.All(printed.Zip(z3), pair => Assert.InRange(pair.Second, pair.First - 2e-6, pair.First + 2e-6));
        Expect.Printed(2.91034, cost, what: "cost");
    }

    [Fact]
    public void The_layers_have_the_notebooks_output_shapes()
    {
        TorchRuntime.EnsureInitialized(); // before the first module: the test may run first in its process
        using var model = new SignsConvNet();

        var shapes = C4TestSupport.LayerShapes((x, trace) => model.Forward(x, trace));

        // NCHW for the notebook's NHWC (64,64,8), (8,8,8), (8,8,16), (2,2,16), 64, 6.
        Assert.Equal([2L, 8, 64, 64], shapes["conv1"]);
        Assert.Equal([2L, 8, 8, 8], shapes["pool1"]);
        Assert.Equal([2L, 16, 8, 8], shapes["conv2"]);
        Assert.Equal([2L, 16, 2, 2], shapes["pool2"]);
        Assert.Equal([2L, 64], shapes["flatten"]);
        Assert.Equal([2L, 6], shapes["fc"]);
    }

    [Fact]
    public void Initialization_is_glorot_uniform_and_repeatable()
    {
        TorchRuntime.EnsureInitialized();
        using var a = new SignsConvNet();
        using var b = new SignsConvNet();
        using var other = new SignsConvNet(seed: 2);

        var weights = a.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<float>().ToArray());
        Assert.Equal(weights["conv1.weight"], b.named_parameters().First().parameter.data<float>().ToArray());
        Assert.NotEqual(weights["conv1.weight"], other.named_parameters().First().parameter.data<float>().ToArray());
        var limit = Math.Sqrt(6.0 / (3 * 16 + 8 * 16)); // fan_in = 3·4·4, fan_out = 8·4·4
        Assert.All(weights["conv1.weight"], w => Assert.InRange(Math.Abs(w), 0, limit));
        Assert.True(weights["conv1.weight"].Max(Math.Abs) > 0.9 * limit);
        Assert.All(weights["conv1.bias"].Concat(weights["fc.bias"]), bias => Assert.Equal(0f, bias));
    }

    [Fact]
    public void A_short_run_logs_keras_metrics_per_epoch_and_the_test_accuracy()
    {
        var metrics = new RecordingMetricSink();
        var clock = RunClock.Start();

        new C4W1SignsConvNetJob().Run(JobContexts.For(ConvNetAssignment.Descriptor, metrics, new Dictionary<string, string> { ["num_epochs"] = "2" }));

        output.WriteLine($"2 epochs: {clock}; loss {string.Join(", ", C2TestSupport.Values(metrics.For("loss")))}; "
            + $"val_accuracy {string.Join(", ", C2TestSupport.Values(metrics.For("val_accuracy")))}");
        foreach (var key in new[] { "loss", "train_accuracy", "val_loss", "val_accuracy" })
        {
            Assert.Equal([1L, 2], metrics.For(key).Select(p => p.Step));
        }

        var loss = metrics.For("loss");
        Assert.InRange(loss[0].Value, 1.70, 1.85); // about ln 6 = 1.79 at the start; the 2021 run printed 1.7996
        Assert.True(loss[1].Value < loss[0].Value);
        Assert.Equal(2, metrics.For("test_accuracy").Single().Step);
        Assert.Equal(metrics.For("val_accuracy")[1].Value, metrics.Single("test_accuracy"));
    }

    [Fact]
    public void A_short_2017_run_logs_the_cost_per_epoch_then_both_accuracies_and_the_cost_curve()
    {
        var metrics = new RecordingMetricSink();
        var outputs = new RecordingRunOutputs();
        var clock = RunClock.Start();

        new C4W1SignsConvNetJob().Run(JobContexts.For(ConvNetAssignment.Descriptor, metrics, Notebook2017(numEpochs: 3), outputs: outputs));

        var cost = C2TestSupport.Values(metrics.For("cost"));
        output.WriteLine($"3 epochs (2017): {clock}; cost {string.Join(", ", cost)}; train {metrics.Single("train_accuracy")}; test {metrics.Single("test_accuracy")}");
        Assert.Equal([0L, 1, 2], metrics.For("cost").Select(p => p.Step));
        Assert.InRange(cost[0], 1.80, 1.95); // the notebook printed 1.917929 on train_signs.h5
        Assert.True(cost[2] < cost[0]);
        Assert.Equal(3, metrics.For("train_accuracy").Single().Step);
        Assert.Equal(3, metrics.For("test_accuracy").Single().Step);
        Assert.Empty(metrics.For("loss"));
        Assert.Contains(RunArtifacts.CostCurve, outputs.Artifacts.Keys);
    }

    // The spec's band, unwidened, for the 2017 notebook's model, weights and loop (about 50 CPU-seconds: Long, as the 2021 run).
    // KNOWN TO FAIL (2026-11-26): on the stand-in in file-name order every conv1 relu is dead by epoch 3 and the run ends at
    // chance (cost 1.904 = ln 6 · 17/16). With the same weights, eight other orders of the same files (an experiment, not
    // a search; bench convnet2017-orders) follow the notebook's printed costs or die the same way; see bench/RESULTS.md.
    [Fact]
    [Trait("Category", "Long")]
    public void The_2017_main_run_falls_in_the_band()
    {
        var metrics = new RecordingMetricSink();
        var clock = RunClock.Start();

        new C4W1SignsConvNetJob().Run(JobContexts.For(ConvNetAssignment.Descriptor, metrics, Notebook2017(numEpochs: 100)));

        // The notebook printed 1.917929 (epoch 0), 1.506757 (5), 0.955359 (10), 0.366394 (50), 0.175452 (95); train 0.940741, test 0.783333.
        var cost = C2TestSupport.Values(metrics.For("cost"));
        output.WriteLine($"100 epochs (2017): {clock}; cost 0/5/10/50/95 = {cost[0]:F6}/{cost[5]:F6}/{cost[10]:F6}/{cost[50]:F6}/{cost[95]:F6}; "
            + $"train {metrics.Single("train_accuracy"):F6}; test {metrics.Single("test_accuracy"):F6}");
        Assert.Equal(100, cost.Length);
        Assert.True(cost[95] < cost[50] && cost[50] < cost[0]);
        Assert.InRange(metrics.Single("test_accuracy"), 0.75, 0.88);
    }

    private static Dictionary<string, string> Notebook2017(int numEpochs) => new()
    {
        [ConvNetAssignment.NotebookParameter] = ConvNetAssignment.Notebook2017,
        ["learning_rate"] = "0.009",
        ["num_epochs"] = numEpochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    [Trait("Category", "Long")]
    public void The_main_run_falls_in_the_band()
    {
        var metrics = new RecordingMetricSink();
        var clock = RunClock.Start();

        new C4W1SignsConvNetJob().Run(JobContexts.For(ConvNetAssignment.Descriptor, metrics));

        var loss = C2TestSupport.Values(metrics.For("loss"));
        output.WriteLine($"100 epochs: {clock}; loss 1/50/100 = {loss[0]:F4}/{loss[49]:F4}/{loss[99]:F4}; "
            + $"train {metrics.For("train_accuracy")[^1].Value:F4}; test {metrics.Single("test_accuracy"):F4}");
        Assert.Equal(100, loss.Length);
        Assert.True(loss[99] < loss[49] && loss[49] < loss[0]);
        Assert.InRange(metrics.Single("test_accuracy"), 0.75, 0.88);
    }
}
