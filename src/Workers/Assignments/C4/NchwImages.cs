using Platform.Workers.Torch;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4;

/// <summary>The course's uint8 NHWC images as the float32 NCHW tensors torch convolves, scaled by 1/255 (spec §0.2).</summary>
public static class NchwImages
{
    /// <summary>
    /// (m, 3, height, width) float32 from NHWC bytes: divided by 255 in float64 as numpy does, then cast, in one
    /// vectorised pass.
    /// </summary>
    public static Tensor FromNhwc(byte[] pixels, int count, int height, int width, Device device)
    {
        if (pixels.Length != count * height * width * 3)
        {
            throw new ArgumentException($"{pixels.Length} bytes are not {count} RGB images of {height}x{width}", nameof(pixels));
        }

        using var scope = NewDisposeScope();
        return tensor(pixels, [count, height, width, 3])
            .to_type(ScalarType.Float64).DividedBy(255.0).to_type(ScalarType.Float32)
            .permute(0, 3, 1, 2).contiguous().to(device)
            .MoveToOuterDisposeScope();
    }
}
