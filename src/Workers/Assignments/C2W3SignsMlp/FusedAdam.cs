using System.Numerics;
using System.Runtime.InteropServices;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C2W3SignsMlp;

/// <summary>
/// Adam as TensorFlow 1's AdamOptimizer (the notebook's) computes it, in the parameters' element type (float32 as the
/// notebook, or float64: the <c>dtype</c> option): its ApplyAdam kernel takes α = lr·√(1-β2^t)/(1-β1^t) from β powers
/// kept as variables of that type (β^t multiplied by β after each step), then m += (g - m)·(1-β1); v += (g² - v)·(1-β2);
/// θ -= m·α/(√v + ε), with ε = 1e-8 added to √v itself (PyTorch adds ε to √v/√(1-β2^t), so here ε weighs 1/√(1-β2^t)
/// times more: 31.6 times at the first step). On the CPU one pass over each parameter does all of it (<see cref="FusedAdam{T}"/>):
/// W1's 307,200 values are larger than a core's L2 cache, and libtorch's seven in-place passes per step cost more than W1's
/// two matrix products. Other devices use the in-place tensor operations.
/// </summary>
public abstract class FusedAdam : IDisposable
{
    /// <summary>Adam over float32 or float64 <paramref name="parameters"/> (all of one type), computing in that type.</summary>
    /// <param name="fusedOnCpu">null: the fused pass when every parameter is a contiguous CPU tensor; false forces the tensor operations (tests compare the two).</param>
    public static FusedAdam For(Tensor[] parameters, double learningRate, bool? fusedOnCpu = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) =>
        parameters[0].dtype switch
        {
            ScalarType.Float32 => new FusedAdam<float>(parameters, learningRate, fusedOnCpu, beta1, beta2, epsilon),
            ScalarType.Float64 => new FusedAdam<double>(parameters, learningRate, fusedOnCpu, beta1, beta2, epsilon),
            var other => throw new ArgumentException($"Adam takes float32 or float64 parameters, got {other}", nameof(parameters)),
        };

    /// <summary>One update with <paramref name="gradients"/> in the parameters' order and shapes.</summary>
    public abstract void Step(IReadOnlyList<Tensor> gradients);

    public abstract void Dispose();
}

/// <summary><see cref="FusedAdam"/> with its moments, β powers and step size all in <typeparamref name="T"/>.</summary>
public sealed class FusedAdam<T> : FusedAdam
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor[] parameters;
    private readonly Tensor[] first;
    private readonly Tensor[] second;
    private readonly T learningRate;
    private readonly T beta1;
    private readonly T beta2;
    private readonly T epsilon;
    private readonly bool fused;
    private T beta1Power;
    private T beta2Power;

    internal FusedAdam(Tensor[] parameters, double learningRate, bool? fusedOnCpu, double beta1, double beta2, double epsilon)
    {
        var type = typeof(T) == typeof(float) ? ScalarType.Float32 : ScalarType.Float64;
        if (parameters.FirstOrDefault(p => p.dtype != type) is { } other)
        {
            throw new ArgumentException($"Adam in {type} got a {other.dtype} parameter", nameof(parameters));
        }

        this.parameters = parameters;
        this.learningRate = T.CreateChecked(learningRate);
        this.beta1 = T.CreateChecked(beta1);
        this.beta2 = T.CreateChecked(beta2);
        this.epsilon = T.CreateChecked(epsilon);
        (beta1Power, beta2Power) = (this.beta1, this.beta2);
        first = parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        second = parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        fused = (fusedOnCpu ?? true) && parameters.All(p => p.device_type == DeviceType.CPU && p.is_contiguous());
    }

    public override void Step(IReadOnlyList<Tensor> gradients)
    {
        var alpha = learningRate * T.Sqrt(T.One - beta2Power) / (T.One - beta1Power);
        for (var i = 0; i < parameters.Length; i++)
        {
            if (fused)
            {
                Update(Values(parameters[i]), Values(gradients[i]), Values(first[i]), Values(second[i]), alpha);
            }
            else
            {
                // Scalars held in locals for the whole native call (see SafeScalarOps); a float32 value widens to double exactly.
                using var scope = torch.NewDisposeScope();
                using var oneMinusBeta1 = double.CreateChecked(T.One - beta1).ToScalar();
                using var oneMinusBeta2 = double.CreateChecked(T.One - beta2).ToScalar();
                using var alphaScalar = double.CreateChecked(alpha).ToScalar();
                first[i].AddInPlace(gradients[i].sub(first[i]).mul_(oneMinusBeta1));
                second[i].AddInPlace(gradients[i].square().sub_(second[i]).mul_(oneMinusBeta2));
                parameters[i].sub_(first[i].mul(alphaScalar).div_(second[i].sqrt().AddInPlace(double.CreateChecked(epsilon))));
            }
        }

        beta1Power *= beta1;
        beta2Power *= beta2;
    }

    // A CPU tensor's bytes are its storage, not a copy.
    private static Span<T> Values(Tensor tensor) => MemoryMarshal.Cast<byte, T>(tensor.bytes);

    private void Update(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, T alpha)
    {
        T c1 = T.One - beta1, c2 = T.One - beta2, eps = epsilon;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vp = MemoryMarshal.Cast<T, Vector<T>>(p);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(g);
            var vm = MemoryMarshal.Cast<T, Vector<T>>(m);
            var vv = MemoryMarshal.Cast<T, Vector<T>>(v);
            for (var k = 0; k < vp.Length; k++)
            {
                vm[k] += (vg[k] - vm[k]) * c1;
                vv[k] += (vg[k] * vg[k] - vv[k]) * c2;
                vp[k] -= vm[k] * alpha / (Vector.SquareRoot(vv[k]) + new Vector<T>(eps));
            }

            i = vp.Length * Vector<T>.Count;
        }

        for (; i < p.Length; i++)
        {
            m[i] += (g[i] - m[i]) * c1;
            v[i] += (g[i] * g[i] - v[i]) * c2;
            p[i] -= m[i] * alpha / (T.Sqrt(v[i]) + eps);
        }
    }

    public override void Dispose()
    {
        foreach (var state in first.Concat(second))
        {
            state.Dispose();
        }
    }
}
