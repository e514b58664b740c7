using System.Numerics;
using System.Runtime.InteropServices;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C2W3SignsMlp;

/// <summary>
/// Adam as TensorFlow 1's AdamOptimizer (the notebook's) computes it, all in float32: its ApplyAdam kernel takes
/// α = lr·√(1-β2^t)/(1-β1^t) from β powers kept as float32 variables (β^t multiplied by β after each step), then
/// m += (g - m)·(1-β1); v += (g² - v)·(1-β2); θ -= m·α/(√v + ε), with ε = 1e-8 added to √v itself (PyTorch adds ε to
/// √v/√(1-β2^t), so here ε weighs 1/√(1-β2^t) times more: 31.6 times at the first step). On the CPU one pass over each float32 parameter does all of it: W1's
/// 307,200 values are larger than a core's L2 cache, and libtorch's seven in-place passes per step cost more than W1's
/// two matrix products. Other devices use the in-place tensor operations.
/// </summary>
public sealed class FusedAdam : IDisposable
{
    private readonly Tensor[] parameters;
    private readonly Tensor[] first;
    private readonly Tensor[] second;
    private readonly float learningRate;
    private readonly float beta1;
    private readonly float beta2;
    private readonly float epsilon;
    private readonly bool fused;
    private float beta1Power;
    private float beta2Power;

    /// <param name="fusedOnCpu">null: the fused pass when every parameter is a contiguous CPU float32 tensor; false forces the tensor operations (tests compare the two).</param>
    public FusedAdam(Tensor[] parameters, double learningRate, bool? fusedOnCpu = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        this.parameters = parameters;
        this.learningRate = (float)learningRate;
        this.beta1 = (float)beta1;
        this.beta2 = (float)beta2;
        this.epsilon = (float)epsilon;
        (beta1Power, beta2Power) = (this.beta1, this.beta2);
        first = parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        second = parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        fused = (fusedOnCpu ?? true) && parameters.All(p => p.device_type == DeviceType.CPU && p.dtype == ScalarType.Float32 && p.is_contiguous());
    }

    /// <summary>One update with <paramref name="gradients"/> in the parameters' order and shapes.</summary>
    public void Step(IReadOnlyList<Tensor> gradients)
    {
        var alpha = learningRate * MathF.Sqrt(1f - beta2Power) / (1f - beta1Power);
        for (var i = 0; i < parameters.Length; i++)
        {
            if (fused)
            {
                Update(Floats(parameters[i]), Floats(gradients[i]), Floats(first[i]), Floats(second[i]), alpha);
            }
            else
            {
                // Scalars held in locals for the whole native call (see SafeScalarOps).
                using var scope = torch.NewDisposeScope();
                using var oneMinusBeta1 = (1f - beta1).ToScalar();
                using var oneMinusBeta2 = (1f - beta2).ToScalar();
                using var alphaScalar = alpha.ToScalar();
                first[i].AddInPlace(gradients[i].sub(first[i]).mul_(oneMinusBeta1));
                second[i].AddInPlace(gradients[i].square().sub_(second[i]).mul_(oneMinusBeta2));
                parameters[i].sub_(first[i].mul(alphaScalar).div_(second[i].sqrt().AddInPlace(epsilon)));
            }
        }

        beta1Power *= beta1;
        beta2Power *= beta2;
    }

    // A CPU tensor's bytes are its storage, not a copy.
    private static Span<float> Floats(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);

    private void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float alpha)
    {
        float c1 = 1f - beta1, c2 = 1f - beta2, eps = epsilon;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vp = MemoryMarshal.Cast<float, Vector<float>>(p);
            var vg = MemoryMarshal.Cast<float, Vector<float>>(g);
            var vm = MemoryMarshal.Cast<float, Vector<float>>(m);
            var vv = MemoryMarshal.Cast<float, Vector<float>>(v);
            for (var k = 0; k < vp.Length; k++)
            {
                vm[k] += (vg[k] - vm[k]) * c1;
                vv[k] += (vg[k] * vg[k] - vv[k]) * c2;
                vp[k] -= vm[k] * alpha / (Vector.SquareRoot(vv[k]) + new Vector<float>(eps));
            }

            i = vp.Length * Vector<float>.Count;
        }

        for (; i < p.Length; i++)
        {
            m[i] += (g[i] - m[i]) * c1;
            v[i] += (g[i] * g[i] - v[i]) * c2;
            p[i] -= m[i] * alpha / (MathF.Sqrt(v[i]) + eps);
        }
    }

    public void Dispose()
    {
        foreach (var state in first.Concat(second))
        {
            state.Dispose();
        }
    }
}
