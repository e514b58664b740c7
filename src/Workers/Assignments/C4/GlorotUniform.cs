using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4;

/// <summary>
/// Keras' defaults for the C4 models: Glorot-uniform kernels, U(±sqrt(6/(fan_in+fan_out))) with fan = channels·kh·kw, and
/// zero biases. PyTorch's own default (Kaiming-uniform with a = √5) would give other scales. Drawn from one seeded torch
/// generator in module order, so a run is repeatable without touching the process-wide torch seed (several trials may
/// share a worker process). TF's initialiser stream cannot be reproduced, which is one reason the results are BAND.
/// </summary>
public static class GlorotUniform
{
    public static void Initialize(nn.Module model, ulong seed)
    {
        using var generator = new Generator(seed);
        using var noGrad = no_grad();
        foreach (var module in model.modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    Fill(conv.weight!, generator);
                    conv.bias?.zero_();
                    break;
                case Linear linear:
                    Fill(linear.weight!, generator);
                    linear.bias?.zero_();
                    break;
            }
        }
    }

    private static void Fill(Tensor weight, Generator generator)
    {
        // weight is (out, in) or (out, in, kh, kw): fan_in = in·kh·kw, fan_out = out·kh·kw.
        var receptive = weight.numel() / (weight.shape[0] * weight.shape[1]);
        var limit = Math.Sqrt(6.0 / ((weight.shape[0] + weight.shape[1]) * receptive));
        weight.uniform_(-limit, limit, generator);
    }
}
