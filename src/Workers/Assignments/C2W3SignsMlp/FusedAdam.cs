using System.Numerics;
using System.Runtime.InteropServices;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C2W3SignsMlp;

/// <summary>
/// Adam as TensorFlow 1's AdamOptimizer (the notebook's) computes it: t += 1; lr_t = lr·√(1-β2^t)/(1-β1^t);
/// m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; θ -= lr_t·m/(√v + ε). On the CPU one pass over each float32 parameter
/// does all of it: W1's 307,200 values are larger than a core's L2 cache, and libtorch's seven in-place passes per step
/// cost more than W1's two matrix products. Other devices use the in-place tensor operations.
/// </summary>
public sealed class FusedAdam : IDisposable
{
    private readonly Tensor[] parameters;
    private readonly Tensor[] first;
    private readonly Tensor[] second;
    private readonly double learningRate;
    private readonly double beta1;
    private readonly double beta2;
    private readonly double epsilon;
    private readonly bool fused;
    private int t;

    /// <param name="fusedOnCpu">null: the fused pass when every parameter is a contiguous CPU float32 tensor; false forces the tensor operations (tests compare the two).</param>
    public FusedAdam(Tensor[] parameters, double learningRate, bool? fusedOnCpu = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        this.parameters = parameters;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        first = parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        second = parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        fused = (fusedOnCpu ?? true) && parameters.All(p => p.device_type == DeviceType.CPU && p.dtype == ScalarType.Float32 && p.is_contiguous());
    }

    /// <summary>One update with <paramref name="gradients"/> in the parameters' order and shapes.</summary>
    public void Step(IReadOnlyList<Tensor> gradients)
    {
        t++;
        var stepSize = learningRate * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t));
        for (var i = 0; i < parameters.Length; i++)
        {
            if (fused)
            {
                Update(Floats(parameters[i]), Floats(gradients[i]), Floats(first[i]), Floats(second[i]), (float)stepSize);
            }
            else
            {
                // Scalars held in locals for the whole native call (see SafeScalarOps).
                using var scope = torch.NewDisposeScope();
                using var oneMinusBeta1 = (1 - beta1).ToScalar();
                using var oneMinusBeta2 = (1 - beta2).ToScalar();
                using var minusStepSize = (-stepSize).ToScalar();
                first[i].MulInPlace(beta1).add_(gradients[i], oneMinusBeta1);
                second[i].MulInPlace(beta2).addcmul_(gradients[i], gradients[i], oneMinusBeta2);
                parameters[i].addcdiv_(first[i], second[i].sqrt().AddInPlace(epsilon), minusStepSize);
            }
        }
    }

    // A CPU tensor's bytes are its storage, not a copy.
    private static Span<float> Floats(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);

    private void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float stepSize)
    {
        float b1 = (float)beta1, b2 = (float)beta2, c1 = (float)(1 - beta1), c2 = (float)(1 - beta2), eps = (float)epsilon;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vp = MemoryMarshal.Cast<float, Vector<float>>(p);
            var vg = MemoryMarshal.Cast<float, Vector<float>>(g);
            var vm = MemoryMarshal.Cast<float, Vector<float>>(m);
            var vv = MemoryMarshal.Cast<float, Vector<float>>(v);
            for (var k = 0; k < vp.Length; k++)
            {
                vm[k] = b1 * vm[k] + c1 * vg[k];
                vv[k] = b2 * vv[k] + c2 * (vg[k] * vg[k]);
                vp[k] -= stepSize * vm[k] / (Vector.SquareRoot(vv[k]) + new Vector<float>(eps));
            }

            i = vp.Length * Vector<float>.Count;
        }

        for (; i < p.Length; i++)
        {
            m[i] = b1 * m[i] + c1 * g[i];
            v[i] = b2 * v[i] + c2 * (g[i] * g[i]);
            p[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) + eps);
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
