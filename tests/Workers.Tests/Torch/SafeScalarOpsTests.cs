using System.Runtime.InteropServices;
using Platform.Workers.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Workers.Tests.Torch;

public sealed class SafeScalarOpsTests
{
    public SafeScalarOpsTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void Each_operation_gives_the_operators_result()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new[] { 0.25, -1.5, 3.0 }, dtype: ScalarType.Float64);
        var b = torch.tensor(new[] { 2.0, 0.5, -4.0 }, dtype: ScalarType.Float64);

        AssertEqual(a + b, a.Plus(b));
        AssertEqual(a + 0.1, a.Plus(0.1));
        AssertEqual(1.0 - a, a.SubtractedFrom(1.0));
        AssertEqual(a * 0.3, a.Times(0.3));
        AssertEqual(a / 3.0, a.DividedBy(3.0));
        AssertEqual(a.pow(2), a.Power(2));
        AssertEqual(a.gt(0.2), a.GreaterThan(0.2));
        AssertEqual(a.le(0.25), a.LessOrEqual(0.25));
        AssertEqual(a.masked_fill(a.le(0), 7.0), a.MaskedFill(a.le(0), 7.0));
        AssertEqual(a.clone().add_(b), a.clone().AddInPlace(b));
        AssertEqual(a.clone().add_(0.1), a.clone().AddInPlace(0.1));
        AssertEqual(a.clone().mul_(0.3), a.clone().MulInPlace(0.3));
        AssertEqual(a.clone().div_(3.0), a.clone().DivInPlace(3.0));
    }

    /// <summary>
    /// The failure these methods exist for: with a thread collecting garbage in a loop, the operators' implicit Scalars
    /// were freed mid-call (168 failed calls in 20 s of 1.0 - x on this machine); the safe forms must never fail.
    /// </summary>
    [Fact]
    public void Scalars_survive_collections_on_another_thread()
    {
        var stop = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        var failures = 0;
        try
        {
            using var x = torch.ones(4, dtype: ScalarType.Float64);
            var until = DateTime.UtcNow.AddSeconds(3);
            while (DateTime.UtcNow < until)
            {
                using var scope = torch.NewDisposeScope();
                for (var i = 0; i < 200; i++)
                {
                    try
                    {
                        var y = x.SubtractedFrom(1.0).Plus(x).Times(2.0).AddInPlace(0.5).MulInPlace(2.0).DivInPlace(4.0);
                        if (y.sum().item<double>() != 5.0) // ((1 - 1 + 1)·2 + 0.5)·2/4 = 1.25 per element
                        {
                            failures++;
                        }
                    }
                    catch (ExternalException)
                    {
                        failures++;
                    }
                }
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }

        Assert.Equal(0, failures);
    }

    [Fact]
    public void SafeAdam_takes_the_same_steps_as_torch_optim_Adam()
    {
        using var scope = torch.NewDisposeScope();
        var ours = new Parameter(torch.tensor(new[] { 1.0f, -2.0f, 0.5f }));
        var theirs = new Parameter(torch.tensor(new[] { 1.0f, -2.0f, 0.5f }));
        using var safeAdam = new SafeAdam([ours], learningRate: 0.01);
        using var torchAdam = torch.optim.Adam([theirs], 0.01);
        for (var step = 0; step < 25; step++)
        {
            foreach (var (parameter, zeroGrad) in new[] { (ours, (Action)safeAdam.ZeroGrad), (theirs, () => torchAdam.zero_grad()) })
            {
                zeroGrad();
                (parameter * parameter * parameter).sum().backward();
            }

            safeAdam.Step();
            torchAdam.step();
        }

        Assert.Equal(25, safeAdam.Steps);
        AssertEqual(theirs, ours);
    }

    // Keras' and TF's Adam (TF's ApplyAdam): p -= lr·√(1-β2^t)/(1-β1^t)·m/(√v + ε), computed here in double on one value.
    // With a large ε the torch form (ε after the bias correction) takes other steps, so the test tells the two apart.
    [Fact]
    public void SafeAdam_in_tensorflow_form_adds_epsilon_before_the_bias_correction()
    {
        using var scope = torch.NewDisposeScope();
        var tensorFlow = new Parameter(torch.tensor(new[] { 0.5 }, dtype: ScalarType.Float64));
        var torchForm = new Parameter(torch.tensor(new[] { 0.5 }, dtype: ScalarType.Float64));
        using var tensorFlowAdam = new SafeAdam([tensorFlow], learningRate: 0.01, epsilon: 0.1, form: AdamForm.TensorFlow);
        using var torchAdam = new SafeAdam([torchForm], learningRate: 0.01, epsilon: 0.1);
        double p = 0.5, m = 0, v = 0;
        for (var t = 1; t <= 10; t++)
        {
            foreach (var (parameter, adam) in new[] { (tensorFlow, tensorFlowAdam), (torchForm, torchAdam) })
            {
                adam.ZeroGrad();
                (parameter * parameter * parameter).sum().backward();
                adam.Step();
            }

            var g = 3 * p * p;
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            p -= 0.01 * Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t)) * m / (Math.Sqrt(v) + 0.1);
        }

        Assert.Equal(p, tensorFlow.item<double>(), 1e-12);
        Assert.NotEqual(p, torchForm.item<double>(), 1e-6);
    }

    private static void AssertEqual(Tensor expected, Tensor actual) => Assert.True(expected.eq(actual).all().item<bool>(), $"{expected.str()} != {actual.str()}");
}
