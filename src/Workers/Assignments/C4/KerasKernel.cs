using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4;

/// <summary>
/// Keras and TF lay a convolution kernel out as (kh, kw, in, out) and a Dense kernel as (in, out); torch as
/// (out, in, kh, kw) and (out, in). Weight files and TF's initialisers give values in Keras' order.
/// </summary>
public static class KerasKernel
{
    /// <summary>The Keras shape of a torch Conv2d or Linear weight.</summary>
    public static int[] ShapeOf(Tensor weight) => weight.dim() == 4
        ? [(int)weight.shape[2], (int)weight.shape[3], (int)weight.shape[1], (int)weight.shape[0]]
        : [(int)weight.shape[1], (int)weight.shape[0]];

    /// <summary>Copies values in Keras' row-major order (of <see cref="ShapeOf"/>) into the torch weight.</summary>
    public static void CopyInto(Tensor weight, float[] kerasValues)
    {
        using var scope = NewDisposeScope();
        var keras = tensor(kerasValues, [.. ShapeOf(weight).Select(d => (long)d)]);
        weight.copy_(weight.dim() == 4 ? keras.permute(3, 2, 0, 1) : keras.t());
    }
}
