using Platform.Workers.Assignments.C5W1RnnStepByStep;
using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Tests.Assignments.RnnStepByStep;

/// <summary>
/// The hand-written RNN and LSTM backward passes against TorchSharp autograd of the same recurrences written with torch's
/// differentiable ops, on random inputs: each backward is the gradient of ⟨a, da⟩ (plus ⟨c_next, dc_next⟩ for the LSTM cell).
/// The RNN sequence is also run through the course's own two-sided gradient checker.
/// </summary>
public sealed class RnnAutogradTests
{
    private const int NX = 3;
    private const int NA = 4;
    private const int NY = 2;
    private const int M = 6;
    private const int T = 5;

    public RnnAutogradTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void Rnn_backward_equals_autograd_through_time()
    {
        using var scope = torch.NewDisposeScope();
        var r = new NumpyRandom(31);
        var (x, a0) = (Leaf(r, NX, M, T), Leaf(r, NA, M));
        var (waa, wax, ba) = (Leaf(r, NA, NA), Leaf(r, NA, NX), Leaf(r, NA, 1));
        var p = new RnnParameters(waa, wax, Randn(r, NY, NA), ba, Randn(r, NY, 1));
        var da = Randn(r, NA, M, T);

        var states = new List<Tensor>();
        var aT = a0;
        for (var t = 0; t < T; t++)
        {
            aT = waa.matmul(aT).Plus(wax.matmul(x[.., .., t])).Plus(ba).tanh();
            states.Add(aT);
        }

        (torch.stack(states, 2) * da).sum().backward();
        var (_, _, caches) = Rnn.Forward(x.detach(), a0.detach(), Detached(p));
        var g = Rnn.Backward(da, caches);

        AssertClose(x.grad!, g.Dx);
        AssertClose(a0.grad!, g.Da0);
        AssertClose(wax.grad!, g.DWax);
        AssertClose(waa.grad!, g.DWaa);
        AssertClose(ba.grad!, g.Dba);
    }

    [Fact]
    public void Lstm_cell_backward_equals_autograd()
    {
        using var scope = torch.NewDisposeScope();
        var r = new NumpyRandom(32);
        var (xt, aPrev, cPrev) = (Leaf(r, NX, M), Leaf(r, NA, M), Leaf(r, NA, M));
        var p = LeafLstmParameters(r);
        var (daNext, dcNext) = (Randn(r, NA, M), Randn(r, NA, M));

        var (aNext, cNext) = TorchLstmCell(xt, aPrev, cPrev, p);
        (aNext * daNext).sum().Plus((cNext * dcNext).sum()).backward();
        var (_, _, _, cache) = Lstm.CellForward(xt.detach(), aPrev.detach(), cPrev.detach(), Detached(p));
        var g = Lstm.CellBackward(daNext, dcNext, cache);

        AssertClose(xt.grad!, g.Dxt);
        AssertClose(aPrev.grad!, g.DaPrev);
        AssertClose(cPrev.grad!, g.DcPrev);
        AssertParameterGradients(p, g);
    }

    [Theory]
    [InlineData(T)]
    [InlineData(3)] // da shorter than the forward pass: only the first 3 steps are back-propagated, as in the v3a test
    public void Lstm_backward_equals_autograd_through_time(int steps)
    {
        using var scope = torch.NewDisposeScope();
        var r = new NumpyRandom(33);
        var (x, a0) = (Leaf(r, NX, M, T), Leaf(r, NA, M));
        var p = LeafLstmParameters(r);
        var da = Randn(r, NA, M, steps);

        var states = new List<Tensor>();
        var (aT, cT) = (a0, torch.zeros_like(a0));
        for (var t = 0; t < steps; t++)
        {
            (aT, cT) = TorchLstmCell(x[.., .., t], aT, cT, p);
            states.Add(aT);
        }

        (torch.stack(states, 2) * da).sum().backward();
        var (_, _, _, caches) = Lstm.Forward(x.detach(), a0.detach(), Detached(p));
        var g = Lstm.Backward(da, caches);

        AssertClose(x.grad![.., .., ..steps], g.Dxt);
        AssertClose(a0.grad!, g.DaPrev);
        AssertParameterGradients(p, g);
    }

    [Fact]
    public void Rnn_backward_passes_the_two_sided_gradient_check()
    {
        using var scope = torch.NewDisposeScope();
        var r = new NumpyRandom(34);
        var (x, a0) = (Randn(r, NX, M, T), Randn(r, NA, M));
        var p = new RnnParameters(Randn(r, NA, NA), Randn(r, NA, NX), Randn(r, NY, NA), Randn(r, NA, 1), Randn(r, NY, 1));
        var da = Randn(r, NA, M, T);
        var (_, _, caches) = Rnn.Forward(x, a0, p);
        var g = Rnn.Backward(da, caches);

        // θ = [Waa, Wax, ba] flattened; J(θ) = ⟨a(θ), da⟩.
        double[] theta = [.. Float64Tensors.Values(p.Waa), .. Float64Tensors.Values(p.Wax), .. Float64Tensors.Values(p.Ba)];
        double[] gradient = [.. Float64Tensors.Values(g.DWaa), .. Float64Tensors.Values(g.DWax), .. Float64Tensors.Values(g.Dba)];
        double Cost(double[] values)
        {
            using var inner = torch.NewDisposeScope();
            var shifted = p with
            {
                Waa = Float64Tensors.FromRowMajor(values[..(NA * NA)], [NA, NA]),
                Wax = Float64Tensors.FromRowMajor(values[(NA * NA)..(NA * NA + NA * NX)], [NA, NX]),
                Ba = Float64Tensors.FromRowMajor(values[(NA * NA + NA * NX)..], [NA, 1]),
            };
            return (Rnn.Forward(x, a0, shifted).A * da).sum().item<double>();
        }

        var difference = GradientCheck.Difference(Cost, theta, gradient, 1e-7);

        Assert.True(difference < 1e-7, $"difference {difference}");
        gradient[0] += 1e-3;
        Assert.True(GradientCheck.Difference(Cost, theta, gradient, 1e-7) > 1e-5, "a wrong gradient passes the check");
    }

    private static (Tensor A, Tensor C) TorchLstmCell(Tensor xt, Tensor aPrev, Tensor cPrev, LstmParameters p)
    {
        var concat = torch.cat([aPrev, xt], 0);
        var f = torch.sigmoid(p.Wf.matmul(concat).Plus(p.Bf));
        var i = torch.sigmoid(p.Wi.matmul(concat).Plus(p.Bi));
        var candidate = torch.tanh(p.Wc.matmul(concat).Plus(p.Bc));
        var o = torch.sigmoid(p.Wo.matmul(concat).Plus(p.Bo));
        var c = (f * cPrev).Plus(i * candidate);
        return (o * torch.tanh(c), c);
    }

    private static LstmParameters LeafLstmParameters(NumpyRandom r) => new(
        Leaf(r, NA, NA + NX), Leaf(r, NA, 1), Leaf(r, NA, NA + NX), Leaf(r, NA, 1), Leaf(r, NA, NA + NX), Leaf(r, NA, 1),
        Leaf(r, NA, NA + NX), Leaf(r, NA, 1), Randn(r, NY, NA), Randn(r, NY, 1));

    private static void AssertParameterGradients(LstmParameters p, LstmGradients g)
    {
        AssertClose(p.Wf.grad!, g.DWf);
        AssertClose(p.Bf.grad!, g.Dbf);
        AssertClose(p.Wi.grad!, g.DWi);
        AssertClose(p.Bi.grad!, g.Dbi);
        AssertClose(p.Wc.grad!, g.DWc);
        AssertClose(p.Bc.grad!, g.Dbc);
        AssertClose(p.Wo.grad!, g.DWo);
        AssertClose(p.Bo.grad!, g.Dbo);
    }

    private static RnnParameters Detached(RnnParameters p) =>
        new(p.Waa.detach(), p.Wax.detach(), p.Wya.detach(), p.Ba.detach(), p.By.detach());

    private static LstmParameters Detached(LstmParameters p) => new(
        p.Wf.detach(), p.Bf.detach(), p.Wi.detach(), p.Bi.detach(), p.Wc.detach(), p.Bc.detach(),
        p.Wo.detach(), p.Bo.detach(), p.Wy.detach(), p.By.detach());

    private static Tensor Randn(NumpyRandom random, params long[] shape) => Float64Tensors.Randn(random, shape);

    private static Tensor Leaf(NumpyRandom random, params long[] shape) => Randn(random, shape).requires_grad_();

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
