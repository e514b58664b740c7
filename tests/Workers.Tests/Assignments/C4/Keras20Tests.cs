using Platform.Workers.Assignments.C2W3SignsMlp;
using Platform.Workers.Assignments.C4;
using Platform.Workers.Assignments.C4W2ResNet50;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;
using static TorchSharp.torch;

namespace Platform.Workers.Tests.Assignments.C4;

/// <summary>The 2017 notebooks' Keras 2.0 on TF1: glorot_uniform(seed=0) kernels and the clipped categorical cross-entropy.</summary>
public sealed class Keras20Tests
{
    public Keras20Tests() => TorchRuntime.EnsureInitialized();

    // The 2017 ResNet notebook's identity_block test: np.random.seed(1); X = randn(3,4,4,6); identity_block(f=2,
    // filters=[2,4,6]) with glorot_uniform(seed=0) kernels, run with learning phase 0 (BN on fresh moving statistics);
    // its Expected Output prints out[0][1][1][0], i.e. image 1, row 1, column 0, all 6 channels.
    [Fact]
    public void Identity_block_with_keras_2_0_kernels_gives_the_2017_notebooks_printed_output()
    {
        var printed = RowOneColumnZeroOfImageOne(ResidualBlock.Identity(2, [2, 4, 6]));

        Expect.Printed([0.94822985, 0.0, 1.16101444, 2.747859, 0.0, 1.36677003], printed, relative: 1e-5);
    }

    // The same notebook's convolutional_block test: X as above, f = 2, filters [2,4,6], s = 2; out[0][1][1][0].
    [Fact]
    public void Convolutional_block_with_keras_2_0_kernels_gives_the_2017_notebooks_printed_output()
    {
        var printed = RowOneColumnZeroOfImageOne(ResidualBlock.Convolutional(6, 2, [2, 4, 6], s: 2));

        Expect.Printed([0.09018463, 1.23489773, 0.46822017, 0.0367176, 0.0, 0.65516603], printed, relative: 1e-5);
    }

    [Fact]
    public void Every_kernel_starts_the_same_tf1_stream_in_keras_layout()
    {
        using var scope = NewDisposeScope();
        using var model = new ResNet(new ResNetShape(2, [1, 2, 1, 1]), BlockBatchNorm.FollowModelMode, KerasVersion.Keras20);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);

        // Two identity-block kernels of one shape are the same tensor's values, as in the notebook.
        Assert.True(parameters["layer2.1.conv2.weight"].eq(parameters["layer2.0.conv2.weight"]).all().item<bool>());
        // conv1 (7,7,3,2) in Keras' order is the first 294 uniforms scaled by its limit; fc (64, 6) the first 384.
        var conv1 = parameters["conv1.weight"].permute(2, 3, 1, 0).contiguous().data<float>().ToArray();
        Assert.Equal(TensorFlowRandom.XavierUniform([7, 7, 3, 2], GlorotUniform.Tf1DefaultGraphSeed, 0), conv1);
        var fc = parameters["fc.weight"].t().contiguous().data<float>().ToArray();
        Assert.Equal(TensorFlowRandom.XavierUniform([64, 6], GlorotUniform.Tf1DefaultGraphSeed, 0), fc);
        Assert.All(model.named_parameters().Where(p => p.name.EndsWith(".bias", StringComparison.Ordinal) && p.name.Contains("conv", StringComparison.Ordinal)),
            p => Assert.Equal(0, p.parameter.abs().sum().item<float>()));
    }

    [Fact]
    public void Clipped_cross_entropy_equals_the_logits_form_until_a_probability_leaves_the_clip()
    {
        using var scope = NewDisposeScope();
        var labels = tensor(new long[] { 0, 2 });
        var moderate = tensor(new[] { 0.5f, -1f, 2f, 0.3f, 0.1f, -0.4f }, [2, 3]);

        var clipped = Objective.ClippedSoftmaxCrossEntropy.Loss(moderate, labels).item<float>();
        var logits = Objective.SoftmaxCrossEntropy.Loss(moderate, labels).item<float>();

        Assert.Equal(logits, clipped, 1e-6);
    }

    [Fact]
    public void Clipped_cross_entropy_caps_a_confidently_wrong_sample_and_gives_it_no_gradient()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new[] { -20f, 0f, 20f }, [1, 3]).requires_grad_(true);

        var loss = Objective.ClippedSoftmaxCrossEntropy.Loss(logits, tensor(new long[] { 0 }));
        loss.backward();

        Assert.Equal(-Math.Log(1e-7f), loss.item<float>(), 1e-4); // p(true) = e^-40 is clipped to 1e-7: 16.118
        Assert.Equal(0, logits.grad!.abs().sum().item<float>());
        Assert.True(Objective.SoftmaxCrossEntropy.Loss(logits, tensor(new long[] { 0 })).item<float>() > 39);
    }

    /// <summary>The notebooks' block test: Keras 2.0 kernels, learning phase 0, np.random.seed(1); randn(3,4,4,6) in NHWC; out[1, 1, 0, :].</summary>
    private static double[] RowOneColumnZeroOfImageOne(ResidualBlock block)
    {
        using var scope = NewDisposeScope();
        using var disposed = block;
        GlorotUniform.InitializeAsKeras20(block);
        block.eval();
        var nhwc = new NumpyRandom(1).Randn(3, 4, 4, 6).Select(v => (float)v).ToArray();
        var x = tensor(nhwc, [3, 4, 4, 6]).permute(0, 3, 1, 2).contiguous();

        using var noGrad = no_grad();
        var output = block.forward(x);

        return output[1].select(1, 1).select(1, 0).data<float>().Select(v => (double)v).ToArray();
    }
}
