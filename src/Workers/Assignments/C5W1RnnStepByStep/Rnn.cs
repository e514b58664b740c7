using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C5W1RnnStepByStep;

/// <summary>
/// The notebook's basic RNN in float64 (spec §17): x (n_x, m, T_x), hidden states (n_a, m, T_x), examples as columns,
/// softmax over axis 0. Forward and backward written out by hand; the whole batch goes through each time step at once.
/// </summary>
public static class Rnn
{
    /// <summary>softmax over axis 0 (the class axis), column by column.</summary>
    public static Tensor Softmax(Tensor z)
    {
        var e = (z - z.amax([0], keepdim: true)).exp();
        return e / e.sum([0], keepdim: true);
    }

    public static (Tensor ANext, Tensor Yt, RnnCellCache Cache) CellForward(Tensor xt, Tensor aPrev, RnnParameters p)
    {
        var aNext = p.Waa.matmul(aPrev).Plus(p.Wax.matmul(xt)).Plus(p.Ba).tanh();
        var yt = Softmax(p.Wya.matmul(aNext).Plus(p.By));
        return (aNext, yt, new RnnCellCache(aNext, aPrev, xt, p));
    }

    /// <summary>rnn_forward: a (n_a, m, T), y_pred (n_y, m, T) and one cache per step (the notebook also keeps x beside them).</summary>
    public static (Tensor A, Tensor YPred, IReadOnlyList<RnnCellCache> Caches) Forward(Tensor x, Tensor a0, RnnParameters p)
    {
        var (a, y, caches) = (new List<Tensor>(), new List<Tensor>(), new List<RnnCellCache>());
        var aNext = a0;
        for (var t = 0; t < x.shape[2]; t++)
        {
            (aNext, var yt, var cache) = CellForward(x[.., .., t], aNext, p);
            a.Add(aNext);
            y.Add(yt);
            caches.Add(cache);
        }

        return (torch.stack(a, 2), torch.stack(y, 2), caches);
    }

    /// <summary>rnn_cell_backward: the gradient through a_next = tanh(Waa·a_prev + Wax·xt + ba).</summary>
    public static RnnCellGradients CellBackward(Tensor daNext, RnnCellCache cache)
    {
        var (aNext, aPrev, xt, p) = cache;
        var dtanh = (aNext * aNext).SubtractedFrom(1.0) * daNext;
        return new RnnCellGradients(
            p.Wax.t().matmul(dtanh), p.Waa.t().matmul(dtanh), dtanh.matmul(xt.t()), dtanh.matmul(aPrev.t()), dtanh.sum([1], keepdim: true));
    }

    /// <summary>rnn_backward: from the last step to the first, each step gets da[:,:,t] plus the gradient from the step after it.</summary>
    public static RnnGradients Backward(Tensor da, IReadOnlyList<RnnCellCache> caches)
    {
        var p = caches[0].Parameters;
        var (dWax, dWaa, dba) = (torch.zeros_like(p.Wax), torch.zeros_like(p.Waa), torch.zeros_like(p.Ba));
        var daPrev = torch.zeros_like(caches[0].APrev);
        var dx = new Tensor[da.shape[2]];
        for (var t = dx.Length - 1; t >= 0; t--)
        {
            var g = CellBackward(da[.., .., t].Plus(daPrev), caches[t]);
            dx[t] = g.Dxt;
            daPrev = g.DaPrev;
            dWax.AddInPlace(g.DWax);
            dWaa.AddInPlace(g.DWaa);
            dba.AddInPlace(g.Dba);
        }

        return new RnnGradients(torch.stack(dx, 2), daPrev, dWax, dWaa, dba);
    }
}
