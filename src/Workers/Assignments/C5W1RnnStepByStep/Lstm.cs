using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C5W1RnnStepByStep;

/// <summary>
/// The notebook's LSTM in float64 (spec §17): gates on concat = [a_prev; xt], c_next = f⊙c_prev + i⊙c̃, a_next = o⊙tanh(c_next).
/// The backward pass is the exact gradient of ⟨da_next, a_next⟩ + ⟨dc_next, c_next⟩, carried through time.
/// </summary>
public static class Lstm
{
    public static (Tensor ANext, Tensor CNext, Tensor Yt, LstmCellCache Cache) CellForward(
        Tensor xt, Tensor aPrev, Tensor cPrev, LstmParameters p)
    {
        var concat = torch.cat([aPrev, xt], 0);
        var ft = torch.sigmoid(p.Wf.matmul(concat).Plus(p.Bf));
        var it = torch.sigmoid(p.Wi.matmul(concat).Plus(p.Bi));
        var cct = p.Wc.matmul(concat).Plus(p.Bc).tanh();
        var ot = torch.sigmoid(p.Wo.matmul(concat).Plus(p.Bo));
        var cNext = (ft * cPrev).Plus(it * cct);
        var aNext = ot * cNext.tanh();
        var yt = Rnn.Softmax(p.Wy.matmul(aNext).Plus(p.By));
        return (aNext, cNext, yt, new LstmCellCache(aNext, cNext, aPrev, cPrev, ft, it, cct, ot, xt, p));
    }

    /// <summary>lstm_forward with c0 = 0: a, c (n_a, m, T), y (n_y, m, T) and one cache per step.</summary>
    public static (Tensor A, Tensor Y, Tensor C, IReadOnlyList<LstmCellCache> Caches) Forward(Tensor x, Tensor a0, LstmParameters p)
    {
        var (a, c, y, caches) = (new List<Tensor>(), new List<Tensor>(), new List<Tensor>(), new List<LstmCellCache>());
        var (aNext, cNext) = (a0, torch.zeros_like(a0));
        for (var t = 0; t < x.shape[2]; t++)
        {
            (aNext, cNext, var yt, var cache) = CellForward(x[.., .., t], aNext, cNext, p);
            a.Add(aNext);
            c.Add(cNext);
            y.Add(yt);
            caches.Add(cache);
        }

        return (torch.stack(a, 2), torch.stack(y, 2), torch.stack(c, 2), caches);
    }

    public static LstmGradients CellBackward(Tensor daNext, Tensor dcNext, LstmCellCache cache)
    {
        var (_, cNext, aPrev, cPrev, ft, it, cct, ot, xt, p) = cache;
        var nA = (int)aPrev.shape[0];
        var tanhC = cNext.tanh();
        var dc = (daNext * ot * (tanhC * tanhC).SubtractedFrom(1.0)).Plus(dcNext);
        var dit = dc * cct * it * it.SubtractedFrom(1.0);
        var dft = dc * cPrev * ft * ft.SubtractedFrom(1.0);
        var dot = daNext * tanhC * ot * ot.SubtractedFrom(1.0);
        var dcct = dc * it * (cct * cct).SubtractedFrom(1.0);

        var concatT = torch.cat([aPrev, xt], 0).t();
        var dConcat = p.Wf.t().matmul(dft).Plus(p.Wi.t().matmul(dit)).Plus(p.Wc.t().matmul(dcct)).Plus(p.Wo.t().matmul(dot));
        return new LstmGradients(
            dConcat[nA..], dConcat[..nA], dc * ft,
            dft.matmul(concatT), dft.sum([1], keepdim: true), dit.matmul(concatT), dit.sum([1], keepdim: true),
            dcct.matmul(concatT), dcct.sum([1], keepdim: true), dot.matmul(concatT), dot.sum([1], keepdim: true));
    }

    /// <summary>
    /// lstm_backward: T = da.shape[2] steps, from the last to the first; each gets da[:,:,t] plus the step after it's da_prev, and
    /// that step's dc_prev (both 0 at the start). Returns dx (n_x, m, T), da0 and dc0 and the summed parameter gradients.
    /// </summary>
    public static LstmGradients Backward(Tensor da, IReadOnlyList<LstmCellCache> caches)
    {
        var p = caches[0].Parameters;
        var (daPrev, dcPrev) = (torch.zeros_like(caches[0].APrev), torch.zeros_like(caches[0].CPrev));
        var (dWf, dWi, dWc, dWo) = (torch.zeros_like(p.Wf), torch.zeros_like(p.Wi), torch.zeros_like(p.Wc), torch.zeros_like(p.Wo));
        var (dbf, dbi, dbc, dbo) = (torch.zeros_like(p.Bf), torch.zeros_like(p.Bi), torch.zeros_like(p.Bc), torch.zeros_like(p.Bo));
        var dx = new Tensor[da.shape[2]];
        for (var t = dx.Length - 1; t >= 0; t--)
        {
            var g = CellBackward(da[.., .., t].Plus(daPrev), dcPrev, caches[t]);
            (dx[t], daPrev, dcPrev) = (g.Dxt, g.DaPrev, g.DcPrev);
            var pairs = new[]
            {
                (dWf, g.DWf), (dbf, g.Dbf), (dWi, g.DWi), (dbi, g.Dbi), (dWc, g.DWc), (dbc, g.Dbc), (dWo, g.DWo), (dbo, g.Dbo),
            };
            foreach (var (sum, step) in pairs)
            {
                sum.AddInPlace(step);
            }
        }

        return new LstmGradients(torch.stack(dx, 2), daPrev, dcPrev, dWf, dbf, dWi, dbi, dWc, dbc, dWo, dbo);
    }
}
