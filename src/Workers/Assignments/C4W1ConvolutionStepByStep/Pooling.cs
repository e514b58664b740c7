using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W1ConvolutionStepByStep;

/// <summary>
/// The notebook's pooling layer in float64 NHWC (spec §11), max or average over f×f windows with no padding. As in
/// <see cref="Convolution"/>, the loops run over output positions and each handles the whole batch and all channels.
/// </summary>
public static class Pooling
{
    public static (Tensor A, PoolCache Cache) PoolForward(Tensor aPrev, PoolHyperparameters hyperparameters, PoolMode mode)
    {
        var (m, nC) = (aPrev.shape[0], aPrev.shape[3]);
        var (f, stride) = (hyperparameters.F, hyperparameters.Stride);
        var nH = Convolution.OutputSize(aPrev.shape[1], f, 0, stride);
        var nW = Convolution.OutputSize(aPrev.shape[2], f, 0, stride);
        var positions = new List<Tensor>(nH * nW);
        for (var row = 0; row < nH; row++)
        {
            for (var col = 0; col < nW; col++)
            {
                var window = Convolution.Window(aPrev, row * stride, col * stride, f);
                positions.Add(mode == PoolMode.Max ? window.amax([1, 2]) : window.mean([1, 2]));
            }
        }

        return (torch.stack(positions, 1).reshape(m, nH, nW, nC), new PoolCache(aPrev, hyperparameters));
    }

    /// <summary>create_mask_from_window: true where x equals its maximum (every tie is true, as in the notebook).</summary>
    public static Tensor CreateMaskFromWindow(Tensor x) => x.eq(x.max());

    /// <summary>distribute_value: an (n_H, n_W) matrix whose entries share dz equally.</summary>
    public static Tensor DistributeValue(double dz, int nH, int nW)
    {
        using var share = (dz / (nH * nW)).ToScalar();
        return torch.full([nH, nW], share, ScalarType.Float64);
    }

    /// <summary>
    /// pool_backward: max sends dA[i,h,w,c] to the window's maximum (create_mask_from_window per example and channel);
    /// average spreads it evenly over the window (distribute_value).
    /// </summary>
    public static Tensor PoolBackward(Tensor dA, PoolCache cache, PoolMode mode)
    {
        var (aPrev, (f, stride)) = cache;
        var (m, nC) = (aPrev.shape[0], aPrev.shape[3]);
        var dAPrev = torch.zeros_like(aPrev);
        for (var row = 0; row < dA.shape[1]; row++)
        {
            for (var col = 0; col < dA.shape[2]; col++)
            {
                var (top, left) = (row * stride, col * stride);
                var da = dA[.., row, col, ..].reshape(m, 1, 1, nC);
                var target = Convolution.Window(dAPrev, top, left, f);
                if (mode == PoolMode.Max)
                {
                    var window = Convolution.Window(aPrev, top, left, f);
                    target.AddInPlace(window.eq(window.amax([1, 2], keepdim: true)) * da);
                }
                else
                {
                    target.AddInPlace(da.DividedBy(f * f));
                }
            }
        }

        return dAPrev;
    }
}
