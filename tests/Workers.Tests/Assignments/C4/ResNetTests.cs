using Platform.Contracts.Catalog;
using Platform.Contracts.Validation;
using Platform.Workers.Assignments.C4;
using Platform.Workers.Assignments.C4W2ResNet50;
using Platform.Workers.Tests.Assignments.C2;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;
using Xunit.Abstractions;
using ResNetAssignment = Platform.Contracts.Catalog.Assignments.C4W2ResNet50;

namespace Platform.Workers.Tests.Assignments.C4;

public sealed class ResNetTests(ITestOutputHelper output)
{
    /// <summary>A CPU-sized ResNet for the tests: width 4, one block per stage.</summary>
    public static readonly Dictionary<string, string> Small = new() { ["base_filters"] = "4", ["stage_blocks"] = "[1, 1, 1, 1]" };

    /// <summary>The 2017 notebook's run: 2 epochs at Adam's default 0.001, Keras 2.0, blocks following the learning phase.</summary>
    public static readonly Dictionary<string, string> Notebook2017 = new()
    {
        ["epochs"] = "2", ["learning_rate"] = "0.001", ["blocks_training"] = "false", [ResNetAssignment.KerasParameter] = ResNetAssignment.Keras2017,
    };

    [Fact]
    public void ResNet50_at_the_notebooks_size_has_23600006_parameters_and_its_stage_shapes()
    {
        TorchRuntime.EnsureInitialized();
        using var model = new ResNet(ResNetShape.ResNet50, BlockBatchNorm.AlwaysBatchStatistics);

        Assert.Equal(new KerasParameterCount(23_546_886, 53_120), KerasParameterCount.Of(model));
        Assert.Equal(23_600_006, KerasParameterCount.Of(model).Total);

        var shapes = C4TestSupport.LayerShapes((x, trace) => model.Forward(x, trace), m: 1);
        // NCHW for (70,70,3), (15,15,64), (15,15,256), (8,8,512), (4,4,1024), (2,2,2048), (1,1,2048), 6.
        Assert.Equal([1L, 3, 70, 70], shapes["zero_padding"]);
        Assert.Equal([1L, 64, 15, 15], shapes["stage1"]);
        Assert.Equal([1L, 256, 15, 15], shapes["stage2"]);
        Assert.Equal([1L, 512, 8, 8], shapes["stage3"]);
        Assert.Equal([1L, 1024, 4, 4], shapes["stage4"]);
        Assert.Equal([1L, 2048, 2, 2], shapes["stage5"]);
        Assert.Equal([1L, 2048, 1, 1], shapes["avg_pool"]);
        Assert.Equal([1L, 6], shapes["fc"]);
    }

    [Fact]
    public void Names_follow_torchvision()
    {
        TorchRuntime.EnsureInitialized();
        using var model = new ResNet(new ResNetShape(2, [2, 1, 1, 1]), BlockBatchNorm.FollowModelMode);

        var names = model.named_parameters().Select(p => p.name).ToArray();

        Assert.Contains("conv1.weight", names);
        Assert.Contains("layer1.0.downsample.0.weight", names);
        Assert.Contains("layer1.1.conv3.bias", names);
        Assert.DoesNotContain("layer1.1.downsample.0.weight", names); // identity blocks have no projection
        Assert.Contains("layer4.0.bn2.weight", names);
        Assert.Contains("fc.weight", names);
    }

    [Theory]
    [InlineData("[3, 4, 6]")]
    [InlineData("[3, 4, 6, 3, 3]")]
    public void A_shape_without_four_stages_is_refused_when_binding_naming_the_field(string stageBlocks)
    {
        var error = Assert.Throws<PlatformValidationException>(() =>
            HyperparameterBinder.Bind(ResNetAssignment.Descriptor, new Dictionary<string, string> { ["stage_blocks"] = stageBlocks }));

        Assert.Equal(new ValidationError("params.stage_blocks", $"must list 4 stages (notebook stages 2-5), got {stageBlocks}"), Assert.Single(error.Errors));
    }

    [Fact]
    public void The_defaults_are_the_2021_resnet50()
    {
        var h = HyperparameterBinder.Bind(ResNetAssignment.Descriptor, new Dictionary<string, string>());

        Assert.Equal(ResNetShape.ResNet50.BaseFilters, C4W2ResNet50Job.ShapeOf(h).BaseFilters);
        Assert.Equal(ResNetShape.ResNet50.StageBlocks, C4W2ResNet50Job.ShapeOf(h).StageBlocks);
        Assert.Equal(BlockBatchNorm.AlwaysBatchStatistics, C4W2ResNet50Job.BlockBatchNormOf(h));
        Assert.Equal(KerasVersion.Tf2, C4W2ResNet50Job.KerasOf(h));
    }

    [Fact]
    public void The_2017_run_is_keras_2_0_with_blocks_following_the_learning_phase()
    {
        var h = HyperparameterBinder.Bind(ResNetAssignment.Descriptor, Notebook2017);

        Assert.Equal(KerasVersion.Keras20, C4W2ResNet50Job.KerasOf(h));
        Assert.Equal(BlockBatchNorm.FollowModelMode, C4W2ResNet50Job.BlockBatchNormOf(h));
        Assert.Equal(1e-8, C4W2ResNet50Job.KerasOf(h).AdamEpsilon());
        Assert.Same(Objective.ClippedSoftmaxCrossEntropy, C4W2ResNet50Job.KerasOf(h).SoftmaxCrossEntropy());
    }

    [Fact]
    public void An_unknown_keras_version_is_refused_naming_the_field()
    {
        var error = Assert.Throws<PlatformValidationException>(() =>
            HyperparameterBinder.Bind(ResNetAssignment.Descriptor, new Dictionary<string, string> { [ResNetAssignment.KerasParameter] = "2019" }));

        Assert.Equal("params." + ResNetAssignment.KerasParameter, Assert.Single(error.Errors).Path);
    }

    [Fact]
    public void Blocks_training_false_is_the_2017_moving_statistics_evaluation()
    {
        var h = HyperparameterBinder.Bind(ResNetAssignment.Descriptor, new Dictionary<string, string> { ["blocks_training"] = "false" });

        Assert.Equal(BlockBatchNorm.FollowModelMode, C4W2ResNet50Job.BlockBatchNormOf(h));
    }

    [Fact]
    public void A_short_small_run_logs_keras_metrics_and_the_test_accuracy()
    {
        var metrics = new RecordingMetricSink();
        var clock = RunClock.Start();

        new C4W2ResNet50Job().Run(JobContexts.For(ResNetAssignment.Descriptor, metrics, new Dictionary<string, string>(Small) { ["epochs"] = "1" }));

        output.WriteLine($"1 epoch (width 4, [1,1,1,1]): {clock}; loss {metrics.For("loss")[0].Value}; test {metrics.Single("test_accuracy")}");
        foreach (var key in new[] { "loss", "train_accuracy", "val_loss", "val_accuracy", "test_accuracy" })
        {
            Assert.Equal(1, Assert.Single(metrics.For(key)).Step);
        }

        Assert.InRange(metrics.For("loss")[0].Value, 1.0, 3.0); // near ln 6 = 1.79 for an untrained 6-way softmax
    }

    // The notebook's ResNet-50 trains at about 17 images per CPU-second here (bench/RESULTS.md), so its 10 epochs take
    // over 10 CPU-minutes on one thread. This is the CPU-sized model (width 8, one block per stage, blocks on batch
    // statistics as in 2021) at Adam's default step: about 20 s of CPU on one thread, minutes of wall time on a shared
    // machine, so Long. (At the 2021 lr 0.00015 this small model is still training after 10 epochs: test 0.68.)
    [Fact]
    [Trait("Category", "Long")]
    public void A_small_resnet_reaches_the_2021_test_band_in_10_epochs()
    {
        var metrics = new RecordingMetricSink();
        var clock = RunClock.Start();

        new C4W2ResNet50Job().Run(JobContexts.For(ResNetAssignment.Descriptor, metrics,
            new Dictionary<string, string> { ["base_filters"] = "8", ["stage_blocks"] = "[1, 1, 1, 1]", ["learning_rate"] = "0.001" }));

        var loss = C2TestSupport.Values(metrics.For("loss"));
        var valAccuracy = C2TestSupport.Values(metrics.For("val_accuracy"));
        output.WriteLine($"10 epochs (width 8, [1,1,1,1], lr 0.001): {clock}; loss {string.Join(", ", loss.Select(l => l.ToString("F4")))}; "
            + $"val_accuracy {string.Join(", ", valAccuracy.Select(a => a.ToString("F4")))}; test {metrics.Single("test_accuracy"):F4}");
        Assert.Equal(10, loss.Length);
        Assert.True(loss[9] < loss[0]);
        Assert.True(metrics.Single("test_accuracy") > 0.70);
    }

    // The 2017 notebook's run: ResNet-50 at full size, 2 epochs, Adam 0.001, Keras 2.0 (its glorot_uniform(seed=0) kernels,
    // Adam ε 1e-8, clipped cross-entropy), evaluated on moving statistics (its blocks follow Keras' learning phase); about
    // 140 CPU-seconds on one thread. The spec's band is for both epochs (printed 2.9895/0.2426, then 2.1304/0.3278).
    // Measured 2026-11-26: 2.5254/0.3796, then 1.2467/0.6833, test 0.1667: epoch 2's accuracy is above the band (0.5)
    // and this test FAILS there; what is left different from the notebook is the data stand-in (bench/RESULTS.md).
    [Fact]
    [Trait("Category", "Long")]
    public void ResNet50_for_two_epochs_falls_in_the_2017_band()
    {
        var metrics = new RecordingMetricSink();
        var clock = RunClock.Start();

        new C4W2ResNet50Job().Run(JobContexts.For(ResNetAssignment.Descriptor, metrics, Notebook2017));

        var loss = C2TestSupport.Values(metrics.For("loss"));
        var accuracy = C2TestSupport.Values(metrics.For("train_accuracy"));
        output.WriteLine($"ResNet-50, 2 epochs: {clock}; loss/accuracy {loss[0]:F4}/{accuracy[0]:F4}, {loss[1]:F4}/{accuracy[1]:F4}; test {metrics.Single("test_accuracy"):F4}");
        Assert.Equal(2, loss.Length);
        Assert.All(loss, l => Assert.InRange(l, 1, 5));
        Assert.All(accuracy, a => Assert.InRange(a, 0.2, 0.5));
        Assert.InRange(metrics.Single("test_accuracy"), 0.16, 0.25);
    }

    // The 2021 notebook's run (the defaults): ResNet-50, 10 epochs, Adam 0.00015, blocks on batch statistics also when
    // evaluating (the notebook's training=True); about 9-11 CPU-minutes on one thread. Measured 2026-11-26 (1080 stand-in
    // files, Adam in TensorFlow's form with ε 1e-7): loss/accuracy 1.7581/0.3528, 0.7388/0.7130 at epoch 3, 0.3378/0.8593
    // at 6, 0.1604/0.9481 at 10; test 0.7667 (0.25 when the blocks were evaluated on moving statistics).
    [Fact]
    [Trait("Category", "Long")]
    public void ResNet50_for_ten_epochs_falls_in_the_2021_band()
    {
        var metrics = new RecordingMetricSink();
        var clock = RunClock.Start();

        new C4W2ResNet50Job().Run(JobContexts.For(ResNetAssignment.Descriptor, metrics));

        var loss = C2TestSupport.Values(metrics.For("loss"));
        var accuracy = C2TestSupport.Values(metrics.For("train_accuracy"));
        output.WriteLine($"ResNet-50, 10 epochs: {clock}; loss/accuracy " + string.Join(", ", loss.Select((l, i) => $"{l:F4}/{accuracy[i]:F4}"))
            + $"; test {metrics.Single("test_accuracy"):F4}");
        Assert.Equal(10, loss.Length);
        Assert.True(loss[9] < loss[0]);
        Assert.True(metrics.Single("test_accuracy") > 0.70);
    }
}
