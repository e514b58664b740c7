using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4;

/// <summary>
/// TensorFlow's 'same' padding (spec §0.6): out = ⌈in/stride⌉, total = max((out-1)·stride + f - in, 0), before = total/2
/// rounded down, the extra row/column at the bottom/right. PyTorch's symmetric padding cannot express an odd total, so the
/// models pad explicitly and then convolve or pool with padding 0.
/// </summary>
public static class TfSamePadding
{
    public static int OutputSize(int input, int stride) => (input + stride - 1) / stride;

    public static (int Before, int After) For(int input, int kernel, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(input, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        var total = Math.Max((OutputSize(input, stride) - 1) * stride + kernel - input, 0);
        return (total / 2, total - total / 2);
    }

    /// <summary>
    /// Pads the H and W axes of an NCHW tensor for a square <paramref name="kernel"/>; <paramref name="value"/> is what
    /// the padding holds (0 for convolutions, -∞ for max pooling, where TF ignores padded cells).
    /// </summary>
    public static Tensor Pad(Tensor x, int kernel, int stride, double value = 0)
    {
        var (top, bottom) = For((int)x.shape[2], kernel, stride);
        var (left, right) = For((int)x.shape[3], kernel, stride);
        return top + bottom + left + right == 0
            ? x
            : nn.functional.pad(x, [left, right, top, bottom], PaddingModes.Constant, value);
    }

    /// <summary>max_pool2d with 'same' padding: padded cells are -∞, so they never win.</summary>
    public static Tensor MaxPool(Tensor x, int kernel, int stride) =>
        nn.functional.max_pool2d(Pad(x, kernel, stride, double.NegativeInfinity), [kernel, kernel], [stride, stride]);

    /// <summary>avg_pool2d with 'same' padding: TF averages over the real cells of each window only.</summary>
    public static Tensor AvgPool(Tensor x, int kernel, int stride)
    {
        var padded = Pad(x, kernel, stride);
        var sums = nn.functional.avg_pool2d(padded, [kernel, kernel], [stride, stride]);
        if (ReferenceEquals(padded, x))
        {
            return sums;
        }

        // The share of real cells per window, from a padded plane of ones; padded zeros add nothing to the sums.
        using var plane = ones(1, 1, x.shape[2], x.shape[3], x.dtype, x.device);
        using var share = nn.functional.avg_pool2d(Pad(plane, kernel, stride), [kernel, kernel], [stride, stride]);
        return sums / share;
    }
}
