using Platform.Workers.Assignments.C4W1ConvolutionStepByStep;
using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Tests.Assignments.ConvolutionStepByStep;

/// <summary>
/// The hand-written NHWC layers against TorchSharp's own NCHW conv2d / max_pool2d / avg_pool2d and their autograd, on random
/// inputs: forward outputs, and the backward passes as the gradients of ⟨output, dZ⟩.
/// </summary>
public sealed class ConvolutionAutogradTests
{
    public ConvolutionAutogradTests() => TorchRuntime.EnsureInitialized();

    [Theory]
    [InlineData(1, 0, 3)]
    [InlineData(2, 2, 2)]
    [InlineData(2, 1, 3)]
    [InlineData(3, 1, 2)]
    public void Conv_forward_and_backward_equal_torch_conv2d(int stride, int pad, int f)
    {
        using var scope = torch.NewDisposeScope();
        var random = new NumpyRandom(21);
        var aPrev = Randn(random, 3, 7, 6, 4).requires_grad_();
        var w = Randn(random, f, f, 4, 5).requires_grad_();
        var b = Randn(random, 1, 1, 1, 5).requires_grad_();

        var reference = torch.nn.functional.conv2d(
            ToNchw(aPrev), w.permute(3, 2, 0, 1), b.reshape(5), strides: [stride, stride], padding: [pad, pad]).permute(0, 2, 3, 1);
        var (z, cache) = Convolution.ConvForward(aPrev.detach(), w.detach(), b.detach(), new ConvHyperparameters(stride, pad));
        AssertClose(reference, z);

        var dZ = Randn(random, z.shape);
        (reference * dZ).sum().backward();
        var g = Convolution.ConvBackward(dZ, cache);
        AssertClose(aPrev.grad!, g.DAPrev);
        AssertClose(w.grad!, g.DW);
        AssertClose(b.grad!, g.Db);
    }

    [Theory]
    [InlineData(PoolMode.Max, 2, 2)]
    [InlineData(PoolMode.Max, 3, 1)]
    [InlineData(PoolMode.Average, 2, 2)]
    [InlineData(PoolMode.Average, 3, 1)]
    public void Pool_forward_and_backward_equal_torch_pooling(PoolMode mode, int f, int stride)
    {
        using var scope = torch.NewDisposeScope();
        var random = new NumpyRandom(22);
        var aPrev = Randn(random, 3, 7, 6, 4).requires_grad_();

        var nchw = ToNchw(aPrev);
        var pooled = mode == PoolMode.Max
            ? torch.nn.functional.max_pool2d(nchw, [f, f], [stride, stride])
            : torch.nn.functional.avg_pool2d(nchw, [f, f], [stride, stride]);
        var reference = pooled.permute(0, 2, 3, 1);
        var (a, cache) = Pooling.PoolForward(aPrev.detach(), new PoolHyperparameters(f, stride), mode);
        AssertClose(reference, a);

        var dA = Randn(random, a.shape);
        (reference * dA).sum().backward();
        AssertClose(aPrev.grad!, Pooling.PoolBackward(dA, cache, mode));
    }

    [Fact]
    public void Conv_single_step_v1_adds_the_bias_once_per_window_element()
    {
        using var scope = torch.NewDisposeScope();
        var random = new NumpyRandom(23);
        var (slice, w, b) = (Randn(random, 2, 2, 3), Randn(random, 2, 2, 3), Randn(random, 1, 1, 1));

        var v2 = Convolution.ConvSingleStep(slice, w, b).item<double>();
        var v1 = Convolution.ConvSingleStep(slice, w, b, SingleStepVersion.V1).item<double>();

        Assert.Equal(v2 + 11 * b.item<double>(), v1, 1e-12);
    }

    [Fact]
    public void A_window_larger_than_the_padded_input_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        var aPrev = torch.zeros(1, 2, 2, 1, ScalarType.Float64);
        var w = torch.zeros(5, 5, 1, 1, ScalarType.Float64);
        var b = torch.zeros(1, 1, 1, 1, ScalarType.Float64);

        var e = Assert.Throws<ArgumentException>(() => Convolution.ConvForward(aPrev, w, b, new ConvHyperparameters(1, 1)));
        Assert.Contains("window of 5", e.Message);
    }

    private static Tensor ToNchw(Tensor nhwc) => nhwc.permute(0, 3, 1, 2);

    private static Tensor Randn(NumpyRandom random, params long[] shape) => Float64Tensors.Randn(random, shape);

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var (e, a) = (Float64Tensors.Values(expected), Float64Tensors.Values(actual));
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-12 + 1e-10 * Math.Abs(e[i]), $"[{i}]: torch {e[i]:R}, hand-written {a[i]:R}");
        }
    }
}
