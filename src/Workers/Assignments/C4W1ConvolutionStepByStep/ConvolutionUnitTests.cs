using Platform.Workers.Jobs;
using Platform.Workers.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W1ConvolutionStepByStep;

/// <summary>
/// The notebook's unit tests for the convolution and pooling layers (spec §11), every version's EXACT values: each recipe
/// seeds 1 and draws its inputs with randn in the listed order. Values are compared to 1e-7 relative, or to the printed digits
/// where those are coarser; booleans compare as 1/0.
/// </summary>
public static class ConvolutionUnitTests
{
    public const double RelativeTolerance = 1e-7;

    public static IReadOnlyList<UnitTestResult> RunAll()
    {
        using var scope = torch.NewDisposeScope();
        return
        [
            ZeroPad(), ConvSingleStep(SingleStepVersion.V2), ConvSingleStep(SingleStepVersion.V1),
            ConvForwardV2(), ConvForwardV1(), ConvForward2021(),
            PoolForwardV1(), PoolForwardV2(PoolMode.Max), PoolForwardV2(PoolMode.Average),
            PoolForward2021Stride1(PoolMode.Max), PoolForward2021Stride1(PoolMode.Average), PoolForward2021Stride2(),
            ConvBackwardV2(), ConvBackwardV1(), CreateMaskFromWindow(), DistributeValue(),
            PoolBackward(PoolMode.Max), PoolBackward(PoolMode.Average),
        ];
    }

    private static UnitTestResult ZeroPad()
    {
        var x = Randn(new NumpyRandom(1), 4, 3, 3, 2);
        var xPad = Convolution.ZeroPad(x, 2);
        return Check("zero_pad", [.. xPad.shape.Select(d => (double)d), .. V(x[1, 1]), .. V(xPad[1, 1])],
        [
            4, 7, 7, 2,
            0.90085595, -0.68372786, -0.12289023, -0.93576943, -0.26788808, 0.53035547,
            .. new double[14],
        ]);
    }

    private static UnitTestResult ConvSingleStep(SingleStepVersion version)
    {
        var r = new NumpyRandom(1);
        var (aSlice, w, b) = (Randn(r, 4, 4, 3), Randn(r, 4, 4, 3), Randn(r, 1, 1, 1));
        var z = Convolution.ConvSingleStep(aSlice, w, b, version).item<double>();
        return version == SingleStepVersion.V2
            ? Check("conv_single_step", [z], [-6.999089450680221])
            : Check("conv_single_step 2017 v1", [z], [-23.1602122025]);
    }

    /// <summary>The 2017 v2 / 2020 conv_forward inputs: A_prev (10,4,4,3), W (2,2,3,8), b (1,1,1,8).</summary>
    private static (Tensor Z, ConvCache Cache) ConvForwardV2Inputs(int stride, SingleStepVersion version)
    {
        var r = new NumpyRandom(1);
        var (aPrev, w, b) = (Randn(r, 10, 4, 4, 3), Randn(r, 2, 2, 3, 8), Randn(r, 1, 1, 1, 8));
        return Convolution.ConvForward(aPrev, w, b, new ConvHyperparameters(stride, Pad: 2), version);
    }

    private static UnitTestResult ConvForwardV2()
    {
        var (z, cache) = ConvForwardV2Inputs(stride: 2, SingleStepVersion.V2);
        return Check("conv_forward", [z.mean().item<double>(), .. V(z[3, 2, 1]), .. V(cache.APrev[1, 2, 3])],
        [
            0.0489952035289,
            -0.61490741, -6.7439236, -2.55153897, 1.75698377, 3.56208902, 0.53036437, 5.18531798, 8.75898442,
            -0.20075807, 0.18656139, 0.41005165,
        ]);
    }

    private static UnitTestResult ConvForwardV1() =>
        Check("conv_forward 2017 v1", [ConvForwardV2Inputs(stride: 1, SingleStepVersion.V1).Z.mean().item<double>()], [0.155859324889]);

    private static UnitTestResult ConvForward2021()
    {
        var r = new NumpyRandom(1);
        var (aPrev, w, b) = (Randn(r, 2, 5, 7, 4), Randn(r, 3, 3, 4, 8), Randn(r, 1, 1, 1, 8));
        var (z, cache) = Convolution.ConvForward(aPrev, w, b, new ConvHyperparameters(Stride: 2, Pad: 1));
        return Check("conv_forward 2021", [z.mean().item<double>(), .. V(z[0, 2, 1]), .. V(cache.APrev[1, 2, 3])],
        [
            0.5511276474566768,
            -2.17796037, 8.07171329, -0.5772704, 3.36286738, 4.48113645, -2.89198428, 10.99288867, 3.03171932,
            -1.1191154, 1.9560789, -0.3264995, -1.34267579,
        ]);
    }

    private static UnitTestResult PoolForwardV1()
    {
        var aPrev = Randn(new NumpyRandom(1), 2, 4, 4, 3);
        var (a, _) = Pooling.PoolForward(aPrev, new PoolHyperparameters(F: 4, Stride: 1), PoolMode.Max);
        return Check("pool_forward 2017 v1 max", [.. a.shape.Select(d => (double)d), .. V(a)],
            [2, 1, 1, 3, 1.74481176, 1.6924546, 2.10025514, 1.19891788, 1.51981682, 2.18557541]);
    }

    private static UnitTestResult PoolForwardV2(PoolMode mode)
    {
        var aPrev = Randn(new NumpyRandom(1), 2, 4, 4, 3);
        var (a, _) = Pooling.PoolForward(aPrev, new PoolHyperparameters(F: 3, Stride: 2), mode);
        double[] expected = mode == PoolMode.Max
            ? [1.74481176, 0.86540763, 1.13376944, 1.13162939, 1.51981682, 2.18557541]
            : [0.02105773, -0.20328806, -0.40389855, -0.22154621, 0.51716526, 0.48155844];
        return Check($"pool_forward {Name(mode)}", [.. a.shape.Select(d => (double)d), .. V(a)], [2, 1, 1, 3, .. expected]);
    }

    private static UnitTestResult PoolForward2021Stride1(PoolMode mode)
    {
        var aPrev = Randn(new NumpyRandom(1), 2, 5, 5, 3);
        var (a, _) = Pooling.PoolForward(aPrev, new PoolHyperparameters(F: 3, Stride: 1), mode);
        double[] expected = mode == PoolMode.Max
            ? [1.96710175, 0.84616065, 1.27375593, 1.96710175, 0.84616065, 1.23616403, 1.62765075, 1.12141771, 1.2245077]
            : [0.44497696, -0.00261695, -0.31040307, 0.50811474, -0.23493734, -0.23961183, 0.11872677, 0.17255229, -0.22112197];
        return Check($"pool_forward 2021 stride 1 {Name(mode)}", [.. a.shape.Select(d => (double)d), .. V(a[1, 1])], [2, 3, 3, 3, .. expected]);
    }

    private static UnitTestResult PoolForward2021Stride2()
    {
        var aPrev = Randn(new NumpyRandom(1), 2, 5, 5, 3);
        var (a, _) = Pooling.PoolForward(aPrev, new PoolHyperparameters(F: 3, Stride: 2), PoolMode.Max);
        return Check("pool_forward 2021 stride 2 max", [.. a.shape.Select(d => (double)d), .. V(a[0, 0])],
            [2, 2, 2, 3, 1.74481176, 0.90159072, 1.65980218, 1.74481176, 1.6924546, 1.65980218]);
    }

    private static double[] ConvBackwardMeans(int stride, SingleStepVersion version)
    {
        var (z, cache) = ConvForwardV2Inputs(stride, version);
        var g = Convolution.ConvBackward(z, cache);
        return [g.DAPrev.mean().item<double>(), g.DW.mean().item<double>(), g.Db.mean().item<double>()];
    }

    // The 2021 notebook printed the v2 test's means with all their digits: checked to 1e-7 rather than to the 12 printed in 2020.
    private static UnitTestResult ConvBackwardV2() => Check("conv_backward",
        ConvBackwardMeans(stride: 2, SingleStepVersion.V2), [1.4524377775388075, 1.7269914583139097, 7.839232564616838]);

    private static UnitTestResult ConvBackwardV1() => Check("conv_backward 2017 v1",
        ConvBackwardMeans(stride: 1, SingleStepVersion.V1), [9.60899067587, 10.5817412755, 76.3710691956]);

    private static UnitTestResult CreateMaskFromWindow()
    {
        var mask = Pooling.CreateMaskFromWindow(Randn(new NumpyRandom(1), 2, 3));
        return Check("create_mask_from_window", V(mask.to_type(ScalarType.Float64)), [1, 0, 0, 0, 0, 0]);
    }

    private static UnitTestResult DistributeValue() =>
        Check("distribute_value", V(Pooling.DistributeValue(2, 2, 2)), [0.5, 0.5, 0.5, 0.5]);

    private static UnitTestResult PoolBackward(PoolMode mode)
    {
        var r = new NumpyRandom(1);
        var aPrev = Randn(r, 5, 5, 3, 2);
        var (_, cache) = Pooling.PoolForward(aPrev, new PoolHyperparameters(F: 2, Stride: 1), mode);
        var dA = Randn(r, 5, 4, 2, 2);
        var dAPrev = Pooling.PoolBackward(dA, cache, mode);
        double[] expected = mode == PoolMode.Max
            ? [0, 0, 5.05844394, -1.68282702, 0, 0]
            : [0.08485462, 0.2787552, 1.26461098, -0.25749373, 1.17975636, -0.53624893];
        return Check($"pool_backward {Name(mode)}", [dA.mean().item<double>(), .. V(dAPrev[1, 1])], [0.145713902729, .. expected]);
    }

    private static UnitTestResult Check(string name, double[] computed, double[] expected) =>
        UnitTestResult.Compare(name, computed, expected, RelativeTolerance);

    private static Tensor Randn(NumpyRandom random, params long[] shape) => Float64Tensors.Randn(random, shape);

    private static double[] V(Tensor tensor) => Float64Tensors.Values(tensor);

    private static string Name(PoolMode mode) => mode == PoolMode.Max ? "max" : "average";
}
