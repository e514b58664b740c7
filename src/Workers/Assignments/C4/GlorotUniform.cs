using Platform.Workers.Assignments.C2W3SignsMlp;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4;

/// <summary>
/// Keras' defaults for the C4 models: Glorot-uniform kernels, U(±sqrt(6/(fan_in+fan_out))) with fan = channels·kh·kw, and
/// zero biases. PyTorch's own default (Kaiming-uniform with a = √5) would give other scales.
/// </summary>
public static class GlorotUniform
{
    /// <summary>TF1's graph seed when only an op seed is given (random_seed.get_seed's DEFAULT_GRAPH_SEED).</summary>
    public const long Tf1DefaultGraphSeed = 87654321;

    /// <summary>
    /// Drawn from one seeded torch generator in module order, so a run is repeatable without touching the process-wide
    /// torch seed (several trials may share a worker process). TF2's eager initialiser stream is not reproduced, which is
    /// one reason the 2021 results are BAND.
    /// </summary>
    public static void Initialize(nn.Module model, ulong seed)
    {
        using var generator = new Generator(seed);
        Fill(model, weight =>
        {
            // weight is (out, in) or (out, in, kh, kw): fan_in = in·kh·kw, fan_out = out·kh·kw.
            var receptive = weight.numel() / (weight.shape[0] * weight.shape[1]);
            var limit = Math.Sqrt(6.0 / ((weight.shape[0] + weight.shape[1]) * receptive));
            weight.uniform_(-limit, limit, generator);
        });
    }

    /// <summary>
    /// The 2017 notebooks' <c>kernel_initializer = glorot_uniform(seed=0)</c> under Keras 2.0 on TF1: each kernel's
    /// initialiser is its own <c>tf.random_uniform(shape, -limit, limit, seed=opSeed)</c> op with no graph seed set, so every
    /// kernel gets TF1's seeds (87654321, opSeed) and starts the same Philox stream (<see cref="TensorFlowRandom"/>): two
    /// kernels of one shape are equal, and any kernel's values, in Keras' (kh, kw, in, out) or (in, out) order, are the
    /// same uniforms scaled by its own limit. This correlation is the notebook's, and it changes how the model trains.
    /// </summary>
    public static void InitializeAsKeras20(nn.Module model, long opSeed = 0) => Fill(model, weight => FillAsTf1(weight, Tf1DefaultGraphSeed, opSeed));

    /// <summary>One kernel as TF1's Xavier/Glorot-uniform op with seeds (graphSeed, opSeed) draws it, in Keras' layout.</summary>
    public static void FillAsTf1(Tensor weight, long graphSeed, long opSeed) =>
        KerasKernel.CopyInto(weight, TensorFlowRandom.XavierUniform(KerasKernel.ShapeOf(weight), graphSeed, opSeed));

    private static void Fill(nn.Module model, Action<Tensor> fillKernel)
    {
        using var noGrad = no_grad();
        foreach (var module in model.modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    fillKernel(conv.weight!);
                    conv.bias?.zero_();
                    break;
                case Linear linear:
                    fillKernel(linear.weight!);
                    linear.bias?.zero_();
                    break;
            }
        }
    }
}
