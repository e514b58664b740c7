using Platform.Workers.Jobs;
using Platform.Workers.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C5W1RnnStepByStep;

/// <summary>
/// The notebook's unit tests for the RNN and LSTM (spec §17): each recipe seeds 1 and draws with randn in the listed order.
/// Values are compared to 1e-7 relative, or to the printed digits where those are coarser.
/// </summary>
public static class RnnUnitTests
{
    public const double RelativeTolerance = 1e-7;

    private const int NX = 3;
    private const int NA = 5;
    private const int NY = 2;
    private const int M = 10;

    public static IReadOnlyList<UnitTestResult> RunAll()
    {
        using var scope = torch.NewDisposeScope();
        return
        [
            RnnCellForward(), RnnForward(), LstmCellForward(), LstmForward(),
            RnnCellBackward(), RnnBackward(), LstmCellBackward(), LstmBackward(),
        ];
    }

    private static UnitTestResult RnnCellForward()
    {
        var r = new NumpyRandom(1);
        var (xt, aPrev) = (Randn(r, NX, M), Randn(r, NA, M));
        var (waa, wax, wya, ba, by) = (Randn(r, NA, NA), Randn(r, NA, NX), Randn(r, NY, NA), Randn(r, NA, 1), Randn(r, NY, 1));
        var (aNext, yt, _) = Rnn.CellForward(xt, aPrev, new RnnParameters(waa, wax, wya, ba, by));
        return Check("rnn_cell_forward", [.. V(aNext[4]), .. V(yt[1])],
        [
            0.59584544, 0.18141802, 0.61311866, 0.99808218, 0.85016201, 0.99980978, -0.18887155, 0.99815551, 0.6531151, 0.82872037,
            0.9888161, 0.01682021, 0.21140899, 0.36817467, 0.98988387, 0.88945212, 0.36920224, 0.9966312, 0.9982559, 0.17746526,
        ]);
    }

    private static UnitTestResult RnnForward()
    {
        var r = new NumpyRandom(1);
        var (x, a0) = (Randn(r, NX, M, 4), Randn(r, NA, M));
        var (waa, wax, wya, ba, by) = (Randn(r, NA, NA), Randn(r, NA, NX), Randn(r, NY, NA), Randn(r, NA, 1), Randn(r, NY, 1));
        var (a, yPred, caches) = Rnn.Forward(x, a0, new RnnParameters(waa, wax, wya, ba, by));

        // The notebook's caches[1] is x itself, kept beside the per-step caches: caches[1][1][3] is x[1, 3].
        return Check("rnn_forward", [.. V(a[4, 1]), .. V(yPred[1, 3]), .. V(x[1, 3]), caches.Count],
        [
            -0.99999375, 0.77911235, -0.99861469, -0.99833267,
            0.79560373, 0.86224861, 0.11118257, 0.81515947,
            -1.1425182, -0.34934272, -0.20889423, 0.58662319, 4,
        ]);
    }

    /// <summary>The lstm_cell_forward recipe: xt, a_prev, c_prev, then Wf, bf, Wi, bi, Wo, bo, Wc, bc, Wy, by.</summary>
    private static (Tensor ANext, Tensor CNext, Tensor Yt, LstmCellCache Cache, NumpyRandom Random) LstmCellForwardOnTestInput()
    {
        var r = new NumpyRandom(1);
        var (xt, aPrev, cPrev) = (Randn(r, NX, M), Randn(r, NA, M), Randn(r, NA, M));
        var (aNext, cNext, yt, cache) = Lstm.CellForward(xt, aPrev, cPrev, LstmParameters(r));
        return (aNext, cNext, yt, cache, r);
    }

    private static LstmParameters LstmParameters(NumpyRandom r)
    {
        var (wf, bf, wi, bi) = (Randn(r, NA, NA + NX), Randn(r, NA, 1), Randn(r, NA, NA + NX), Randn(r, NA, 1));
        var (wo, bo, wc, bc) = (Randn(r, NA, NA + NX), Randn(r, NA, 1), Randn(r, NA, NA + NX), Randn(r, NA, 1));
        var (wy, by) = (Randn(r, NY, NA), Randn(r, NY, 1));
        return new LstmParameters(wf, bf, wi, bi, wc, bc, wo, bo, wy, by);
    }

    private static UnitTestResult LstmCellForward()
    {
        var (aNext, cNext, yt, _, _) = LstmCellForwardOnTestInput();
        return Check("lstm_cell_forward", [.. V(aNext[4]), .. V(cNext[2]), .. V(yt[1, ..3])],
        [
            -0.66408471, 0.0036921, 0.02088357, 0.22834167, -0.85575339, 0.00138482, 0.76566531, 0.34631421, -0.00215674, 0.43827275,
            0.63267805, 1.00570849, 0.35504474, 0.20690913, -1.64566718, 0.11832942, 0.76449811, -0.0981561, -0.74348425, -0.26810932,
            0.79913913, 0.15986619, 0.22412122,
        ]);
    }

    /// <summary>The lstm_forward recipe: x (3,10,7), a0 (5,10), then the parameters as in the cell recipe.</summary>
    private static (Tensor A, Tensor Y, Tensor C, IReadOnlyList<LstmCellCache> Caches, NumpyRandom Random) LstmForwardOnTestInput()
    {
        var r = new NumpyRandom(1);
        var (x, a0) = (Randn(r, NX, M, 7), Randn(r, NA, M));
        var (a, y, c, caches) = Lstm.Forward(x, a0, LstmParameters(r));
        return (a, y, c, caches, r);
    }

    private static UnitTestResult LstmForward()
    {
        var (a, y, c, caches, _) = LstmForwardOnTestInput();
        return Check("lstm_forward", [a[4, 3, 6].item<double>(), y[1, 4, 3].item<double>(), c[1, 2, 1].item<double>(), caches.Count],
            [0.172117767533, 0.95087346185, -0.855544916718, 7]);
    }

    /// <summary>2020 v3a: this recipe draws Wax before Waa, unlike the forward tests.</summary>
    private static UnitTestResult RnnCellBackward()
    {
        var r = new NumpyRandom(1);
        var (xt, aPrev) = (Randn(r, NX, M), Randn(r, NA, M));
        var (wax, waa, wya, ba, by) = (Randn(r, NA, NX), Randn(r, NA, NA), Randn(r, NY, NA), Randn(r, NA, 1), Randn(r, NY, 1));
        var (_, _, cache) = Rnn.CellForward(xt, aPrev, new RnnParameters(waa, wax, wya, ba, by));
        var g = Rnn.CellBackward(Randn(r, NA, M), cache);
        return Check("rnn_cell_backward",
            [g.Dxt[1, 2].item<double>(), g.DaPrev[2, 3].item<double>(), g.DWax[3, 1].item<double>(), g.DWaa[1, 2].item<double>(), .. V(g.Dba[4])],
            [-1.3872130506, -0.152399493774, 0.410772824935, 1.15034506685, 0.20023491]);
    }

    private static UnitTestResult RnnBackward()
    {
        var r = new NumpyRandom(1);
        var (x, a0) = (Randn(r, NX, M, 4), Randn(r, NA, M));
        var (wax, waa, wya, ba, by) = (Randn(r, NA, NX), Randn(r, NA, NA), Randn(r, NY, NA), Randn(r, NA, 1), Randn(r, NY, 1));
        var (_, _, caches) = Rnn.Forward(x, a0, new RnnParameters(waa, wax, wya, ba, by));
        var g = Rnn.Backward(Randn(r, NA, M, 4), caches);
        return Check("rnn_backward",
            [.. V(g.Dx[1, 2]), g.Da0[2, 3].item<double>(), g.DWax[3, 1].item<double>(), g.DWaa[1, 2].item<double>(), .. V(g.Dba[4])],
            [-2.07101689, -0.59255627, 0.02466855, 0.01483317, -0.314942375127, 11.2641044965, 2.30333312658, -0.74747722]);
    }

    private static UnitTestResult LstmCellBackward()
    {
        var (_, _, _, cache, r) = LstmCellForwardOnTestInput();
        var (daNext, dcNext) = (Randn(r, NA, M), Randn(r, NA, M));
        var g = Lstm.CellBackward(daNext, dcNext, cache);
        return Check("lstm_cell_backward",
        [
            g.Dxt[1, 2].item<double>(), g.DaPrev[2, 3].item<double>(), g.DcPrev[2, 3].item<double>(), g.DWf[3, 1].item<double>(),
            g.DWi[1, 2].item<double>(), g.DWc[3, 1].item<double>(), g.DWo[1, 2].item<double>(),
            .. V(g.Dbf[4]), .. V(g.Dbi[4]), .. V(g.Dbc[4]), .. V(g.Dbo[4]),
        ],
        [
            3.23055911511, -0.0639621419711, 0.797522038797, -0.147954838164, 1.05749805523, 2.30456216369, 0.331311595289,
            0.18864637, -0.40142491, 0.25587763, 0.13893342,
        ]);
    }

    /// <summary>v3a: da covers only the first 4 of the 7 forward steps, so only those are back-propagated.</summary>
    private static UnitTestResult LstmBackward()
    {
        var (_, _, _, caches, r) = LstmForwardOnTestInput();
        var g = Lstm.Backward(Randn(r, NA, M, 4), caches);
        return Check("lstm_backward",
        [
            .. V(g.Dxt[1, 2]), g.DaPrev[2, 3].item<double>(), g.DWf[3, 1].item<double>(), g.DWi[1, 2].item<double>(),
            g.DWc[3, 1].item<double>(), g.DWo[1, 2].item<double>(),
            .. V(g.Dbf[4]), .. V(g.Dbi[4]), .. V(g.Dbc[4]), .. V(g.Dbo[4]),
        ],
        [
            0.02065391, -0.26197282, -0.0782652, 0.53886581, -0.08255557, -0.01711008, 0.0100664, 0.1093202, -0.07352078,
            -0.42965868, -0.23772939, 0.12613477, -0.24075244,
        ]);
    }

    private static UnitTestResult Check(string name, double[] computed, double[] expected) =>
        UnitTestResult.Compare(name, computed, expected, RelativeTolerance);

    private static Tensor Randn(NumpyRandom random, params long[] shape) => Float64Tensors.Randn(random, shape);

    private static double[] V(Tensor tensor) => Float64Tensors.Values(tensor);
}
