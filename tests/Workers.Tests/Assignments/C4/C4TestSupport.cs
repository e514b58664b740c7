using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Tests.Assignments.C4;

/// <summary>Shared helpers for the C4 model tests.</summary>
internal static class C4TestSupport
{
    /// <summary>The output shape of every traced layer of a forward pass on <paramref name="m"/> zero images of 64×64.</summary>
    public static Dictionary<string, long[]> LayerShapes(Func<Tensor, Action<string, long[]>, Tensor> forward, int m = 2)
    {
        TorchRuntime.EnsureInitialized();
        var shapes = new Dictionary<string, long[]>();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        forward(zeros(m, 3, 64, 64), (layer, shape) => shapes[layer] = shape);
        return shapes;
    }

    /// <summary>(name, shape) of every trainable parameter, in registration order.</summary>
    public static (string Name, long[] Shape)[] ParameterShapes(nn.Module model) =>
        model.named_parameters().Select(p => (p.name, p.parameter.shape)).ToArray();
}
