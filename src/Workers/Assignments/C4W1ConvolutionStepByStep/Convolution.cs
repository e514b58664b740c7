using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W1ConvolutionStepByStep;

/// <summary>
/// The notebook's convolution layer in float64 NHWC (spec §11): A_prev (m, n_H_prev, n_W_prev, n_C_prev), W (f, f, n_C_prev, n_C),
/// b (1, 1, 1, n_C). The loops run over output positions only: each position handles the whole batch and every filter at once
/// as one (m, f·f·n_C_prev) × (f·f·n_C_prev, n_C) product, which is conv_single_step for every (example, filter) pair.
/// </summary>
public static class Convolution
{
    /// <summary>zero_pad: a zero border of <paramref name="pad"/> around H and W of an NHWC tensor.</summary>
    public static Tensor ZeroPad(Tensor x, int pad) =>
        torch.nn.functional.pad(x, [0, 0, pad, pad, pad, pad], PaddingModes.Constant, 0);

    /// <summary>conv_single_step: Σ(a_slice ⊙ W) + b (v2), or Σ(a_slice ⊙ W + b) (2017 v1). Returns a scalar tensor.</summary>
    public static Tensor ConvSingleStep(Tensor aSlice, Tensor w, Tensor b, SingleStepVersion version = SingleStepVersion.V2) =>
        version == SingleStepVersion.V2 ? (aSlice * w).sum().Plus(b.sum()) : (aSlice * w).Plus(b).sum();

    /// <summary>n_H = ⌊(n_H_prev − f + 2·pad)/stride⌋ + 1, and the same for n_W.</summary>
    public static int OutputSize(long inputSize, long f, int pad, int stride)
    {
        var span = inputSize - f + 2 * pad;
        if (span < 0)
        {
            throw new ArgumentException($"a window of {f} does not fit an input of {inputSize} with padding {pad}");
        }

        return (int)(span / stride) + 1;
    }

    public static (Tensor Z, ConvCache Cache) ConvForward(
        Tensor aPrev, Tensor w, Tensor b, ConvHyperparameters hyperparameters, SingleStepVersion version = SingleStepVersion.V2)
    {
        var (m, f, nCPrev, nC) = (aPrev.shape[0], w.shape[0], w.shape[2], w.shape[3]);
        var (stride, pad) = (hyperparameters.Stride, hyperparameters.Pad);
        var nH = OutputSize(aPrev.shape[1], f, pad, stride);
        var nW = OutputSize(aPrev.shape[2], f, pad, stride);
        var aPad = ZeroPad(aPrev, pad);
        var filters = w.reshape(f * f * nCPrev, nC);

        // v1 added b to each of the window's f·f·n_C_prev products before summing: the same as adding that many b's after it.
        var bias = (version == SingleStepVersion.V2 ? b : b.Times(f * f * nCPrev)).reshape(nC);
        var positions = new List<Tensor>(nH * nW);
        for (var row = 0; row < nH; row++)
        {
            for (var col = 0; col < nW; col++)
            {
                var window = Window(aPad, row * stride, col * stride, f).reshape(m, -1);
                positions.Add(window.matmul(filters).Plus(bias));
            }
        }

        var z = torch.stack(positions, 1).reshape(m, nH, nW, nC);
        return (z, new ConvCache(aPrev, w, b, hyperparameters));
    }

    /// <summary>
    /// conv_backward: each output position sends W·dZ back to its window of the padded input and adds a_slice·dZ to dW;
    /// db sums dZ. The padding is cut off the input gradient at the end.
    /// </summary>
    public static ConvGradients ConvBackward(Tensor dZ, ConvCache cache)
    {
        var (aPrev, w, _, hyperparameters) = cache;
        var (m, nHPrev, nWPrev) = (aPrev.shape[0], aPrev.shape[1], aPrev.shape[2]);
        var (f, nCPrev, nC) = (w.shape[0], w.shape[2], w.shape[3]);
        var (stride, pad) = (hyperparameters.Stride, hyperparameters.Pad);
        var (nH, nW) = (dZ.shape[1], dZ.shape[2]);
        var aPad = ZeroPad(aPrev, pad);
        var daPad = torch.zeros_like(aPad);
        var filters = w.reshape(f * f * nCPrev, nC);
        var dW = torch.zeros_like(filters);
        for (var row = 0; row < nH; row++)
        {
            for (var col = 0; col < nW; col++)
            {
                var dz = dZ[.., row, col, ..];
                var (top, left) = (row * stride, col * stride);
                Window(daPad, top, left, f).AddInPlace(dz.matmul(filters.t()).reshape(m, f, f, nCPrev));
                dW.AddInPlace(Window(aPad, top, left, f).reshape(m, -1).t().matmul(dz));
            }
        }

        var dAPrev = daPad.narrow(1, pad, nHPrev).narrow(2, pad, nWPrev);
        return new ConvGradients(dAPrev, dW.reshape(f, f, nCPrev, nC), dZ.sum([0, 1, 2], keepdim: true));
    }

    /// <summary>The f×f window at (top, left) of every example and channel: a view, so writes land in <paramref name="x"/>.</summary>
    internal static Tensor Window(Tensor x, long top, long left, long f) => x.narrow(1, top, f).narrow(2, left, f);
}
