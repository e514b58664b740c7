using Platform.Workers.Assignments.C4;
using Platform.Workers.Assignments.C4W2HappyHouse;
using Platform.Workers.Jobs;
using Platform.Workers.Tests.Assignments.C2;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;
using Xunit.Abstractions;
using HappyAssignment = Platform.Contracts.Catalog.Assignments.C4W2HappyHouse;

namespace Platform.Workers.Tests.Assignments.C4;

public sealed class HappyHouseTests(ITestOutputHelper output)
{
    [Fact]
    public void The_model_has_the_notebooks_37633_parameters_64_of_them_non_trainable()
    {
        TorchRuntime.EnsureInitialized();
        using var model = new HappyModel();

        var count = KerasParameterCount.Of(model);

        Assert.Equal(new KerasParameterCount(37_569, 64), count);
        Assert.Equal(37_633, count.Total);
        Assert.Equal(
            [("conv0.weight", [32L, 3, 7, 7]), ("conv0.bias", [32L]), ("bn0.weight", [32L]), ("bn0.bias", [32L]), ("fc.weight", [1L, 32768]), ("fc.bias", [1L])],
            C4TestSupport.ParameterShapes(model));
    }

    [Fact]
    public void The_layers_have_the_notebooks_output_shapes()
    {
        TorchRuntime.EnsureInitialized(); // before the first module: the test may run first in its process
        using var model = new HappyModel();

        var shapes = C4TestSupport.LayerShapes((x, trace) => model.Forward(x, trace));

        // NCHW for (70,70,3) → (64,64,32) → (32,32,32) → 32768 → 1.
        Assert.Equal([2L, 3, 70, 70], shapes["zero_padding"]);
        Assert.Equal([2L, 32, 64, 64], shapes["conv0"]);
        Assert.Equal([2L, 32, 32, 32], shapes["max_pool"]);
        Assert.Equal([2L, 32768], shapes["flatten"]);
        Assert.Equal([2L, 1], shapes["fc"]);
    }

    [Fact]
    public void Without_train_happy_the_test_file_is_split_120_30_in_file_order()
    {
        var data = HappyHouseData.Read(TestData.DataDirectory);
        var file = Platform.Workers.Data.Hdf5ImageDataset.Read(TestData.DataDirectory.File(HappyHouseData.TestFile), "test_set_x", "test_set_y");

        Assert.Equal(HappyHouseData.SubstituteProtocol, data.Protocol);
        Assert.False(data.HasTestSet);
        Assert.Equal(120, data.Train.Count);
        Assert.Equal(30, data.Validation.Count);
        Assert.Equal(file.Labels, data.Train.Labels.Concat(data.Validation.Labels));
        Assert.Equal(file.Pixels, data.Train.Pixels.Concat(data.Validation.Pixels));
        Assert.Equal(84, file.Labels.Count(l => l == 1)); // the manifest: 66 not happy, 84 happy
    }

    [Fact]
    public void A_short_run_logs_keras_metrics_and_tags_the_data_split()
    {
        var metrics = new RecordingMetricSink();
        var outputs = new RecordingRunOutputs();
        var clock = RunClock.Start();

        new C4W2HappyHouseJob().Run(JobContexts.For(HappyAssignment.Descriptor, metrics, new Dictionary<string, string> { ["epochs"] = "2" }, outputs: outputs));

        output.WriteLine($"2 epochs: {clock}; loss {string.Join(", ", C2TestSupport.Values(metrics.For("loss")))}");
        Assert.Equal(HappyHouseData.SubstituteProtocol, outputs.Tags[HappyAssignment.DataProtocolTag]);
        foreach (var key in new[] { "loss", "train_accuracy", "val_loss", "val_accuracy" })
        {
            Assert.Equal([1L, 2], metrics.For(key).Select(p => p.Step));
        }

        Assert.Empty(metrics.For("test_accuracy")); // no test set is left under the substitute protocol
        Assert.All(metrics.For("val_accuracy"), p => Assert.InRange(p.Value, 0, 1));
    }

    // 10 epochs of 120 images: well under a minute on one thread.
    [Fact]
    [Trait("Category", "Slow")]
    public void The_main_run_falls_in_the_substitute_band()
    {
        var metrics = new RecordingMetricSink();
        var clock = RunClock.Start();

        new C4W2HappyHouseJob().Run(JobContexts.For(HappyAssignment.Descriptor, metrics));

        var loss = C2TestSupport.Values(metrics.For("loss"));
        var validation = C2TestSupport.Values(metrics.For("val_accuracy"));
        output.WriteLine($"10 epochs: {clock}; loss {string.Join(", ", loss.Select(l => l.ToString("F4")))}; val_accuracy {string.Join(", ", validation.Select(a => a.ToString("F4")))}");
        Assert.Equal(10, loss.Length);
        Assert.True(loss[^1] < loss[0]);
        // Spec §13: val_accuracy above 0.75 once the training loss is below 0.3; read at the end of the run. Epoch by epoch
        // it swings (0.57–0.87 here): 30 validation images, and BatchNorm's moving statistics (Keras' momentum 0.99) have
        // had only 8 updates per epoch to converge on 120 training images.
        Assert.True(loss[^1] < 0.3, $"final training loss {loss[^1]}");
        Assert.True(validation[^1] > 0.75, $"final val_accuracy {validation[^1]}");
    }
}
