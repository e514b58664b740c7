using Platform.Workers.Assignments.C1W4;
using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Tests.Assignments.DeepNnStepByStep;

/// <summary>
/// Each hand-written backward pass against TorchSharp autograd on random inputs. The notebook's convention: dW, db are
/// gradients of the mean cost, while dZ and dA are per-example (m times the gradient of the mean).
/// </summary>
public sealed class DeepNetworkAutogradTests
{
    private const int Examples = 7;

    public DeepNetworkAutogradTests() => TorchRuntime.EnsureInitialized();

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Sigmoid)]
    public void Activation_backward_equals_autograd(Activation activation)
    {
        using var scope = torch.NewDisposeScope();
        var random = new NumpyRandom(10);
        var z = Leaf(random, 4, Examples);
        var dA = Float64Tensors.Randn(random, 4, Examples);
        var a = activation == Activation.Relu ? z.relu() : torch.sigmoid(z);
        (a * dA).sum().backward();

        var dZ = activation == Activation.Relu ? DeepNetwork.ReluBackward(dA, z.detach()) : DeepNetwork.SigmoidBackward(dA, z.detach());

        AssertClose(z.grad!, dZ);
    }

    [Fact]
    public void Linear_backward_equals_autograd()
    {
        using var scope = torch.NewDisposeScope();
        var random = new NumpyRandom(11);
        var (aPrev, w, b) = (Leaf(random, 5, Examples), Leaf(random, 3, 5), Leaf(random, 3, 1));
        var dZ = Float64Tensors.Randn(random, 3, Examples);
        (w.matmul(aPrev).add(b) * dZ).sum().div(Examples).backward();

        var g = DeepNetwork.LinearBackward(dZ, new LinearCache(aPrev.detach(), w.detach(), b.detach()));

        AssertClose(w.grad!, g.DW);
        AssertClose(b.grad!, g.Db);
        AssertClose(aPrev.grad! * Examples, g.DAPrev!);
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Sigmoid)]
    public void Linear_activation_backward_equals_autograd(Activation activation)
    {
        using var scope = torch.NewDisposeScope();
        var random = new NumpyRandom(12);
        var (aPrev, w, b) = (Leaf(random, 4, Examples), Leaf(random, 2, 4), Leaf(random, 2, 1));
        var dA = Float64Tensors.Randn(random, 2, Examples);
        var z = w.matmul(aPrev).add(b);
        var a = activation == Activation.Relu ? z.relu() : torch.sigmoid(z);
        (a * dA).sum().div(Examples).backward();

        var cache = new ActivationCache(new LinearCache(aPrev.detach(), w.detach(), b.detach()), z.detach());
        var g = DeepNetwork.LinearActivationBackward(dA, cache, activation);

        AssertClose(w.grad!, g.DW);
        AssertClose(b.grad!, g.Db);
        AssertClose(aPrev.grad! * Examples, g.DAPrev!);
    }

    [Fact]
    public void L_model_backward_equals_autograd_of_the_cross_entropy_cost()
    {
        using var scope = torch.NewDisposeScope();
        var random = new NumpyRandom(13);
        int[] dims = [6, 5, 4, 3, 1];
        var x = Float64Tensors.Randn(random, dims[0], Examples);
        var y = Float64Tensors.FromRowMajor([1, 0, 1, 1, 0, 0, 1], [1, Examples]);
        var parameters = DeepNetwork.InitializeParametersDeep(dims, seed: 5, WeightScale.DivideBySqrtFanIn);

        // Autograd's reference: the same network with torch's own (differentiable) ops, hidden activations kept for their gradients.
        var leaves = parameters.Select(p => (W: p.W.detach().requires_grad_(), B: p.B.detach().requires_grad_())).ToArray();
        var inputs = new List<Tensor> { x };
        for (var l = 0; l < leaves.Length; l++)
        {
            var z = leaves[l].W.matmul(inputs[^1]).add(leaves[l].B);
            inputs.Add(l == leaves.Length - 1 ? torch.sigmoid(z) : z.relu());
            if (l < leaves.Length - 1)
            {
                inputs[^1].retain_grad();
            }
        }

        var al = inputs[^1];
        var cost = -(y * torch.log(al) + (1.0 - y) * torch.log(1.0 - al)).sum() / Examples;
        cost.backward();

        var (handAl, caches) = DeepNetwork.LModelForward(x, parameters);
        var gradients = DeepNetwork.LModelBackward(handAl, y, caches);
        for (var l = 0; l < leaves.Length; l++)
        {
            AssertClose(leaves[l].W.grad!, gradients[l].DW);
            AssertClose(leaves[l].B.grad!, gradients[l].Db);
            if (l > 0)
            {
                AssertClose(inputs[l].grad! * Examples, gradients[l].DAPrev!);
            }
        }

        Assert.Equal(DeepNetwork.ComputeCost(handAl, y), cost.item<double>(), 1e-14);
    }

    private static Tensor Leaf(NumpyRandom random, int rows, int columns) =>
        Float64Tensors.Randn(random, rows, columns).requires_grad_();

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var (e, a) = (Float64Tensors.Values(expected), Float64Tensors.Values(actual));
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-12 + 1e-10 * Math.Abs(e[i]), $"[{i}]: autograd {e[i]:R}, hand-written {a[i]:R}");
        }
    }
}
