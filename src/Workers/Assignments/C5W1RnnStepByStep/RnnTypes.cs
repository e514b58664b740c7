using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C5W1RnnStepByStep;

/// <summary>A basic RNN's parameters: Waa (n_a, n_a), Wax (n_a, n_x), Wya (n_y, n_a), ba (n_a, 1), by (n_y, 1).</summary>
public sealed record RnnParameters(Tensor Waa, Tensor Wax, Tensor Wya, Tensor Ba, Tensor By);

/// <summary>rnn_cell_forward's cache: (a_next, a_prev, xt, parameters).</summary>
public sealed record RnnCellCache(Tensor ANext, Tensor APrev, Tensor Xt, RnnParameters Parameters);

/// <summary>rnn_cell_backward's gradients (dba keeps its (n_a, 1) shape).</summary>
public sealed record RnnCellGradients(Tensor Dxt, Tensor DaPrev, Tensor DWax, Tensor DWaa, Tensor Dba);

/// <summary>rnn_backward's gradients: dx (n_x, m, T), da0 (n_a, m) and the summed parameter gradients.</summary>
public sealed record RnnGradients(Tensor Dx, Tensor Da0, Tensor DWax, Tensor DWaa, Tensor Dba);

/// <summary>An LSTM's parameters: each gate's W (n_a, n_a + n_x) acts on [a_prev; xt]; Wy (n_y, n_a) reads the output.</summary>
public sealed record LstmParameters(
    Tensor Wf, Tensor Bf, Tensor Wi, Tensor Bi, Tensor Wc, Tensor Bc, Tensor Wo, Tensor Bo, Tensor Wy, Tensor By);

/// <summary>lstm_cell_forward's cache, the notebook's 10 entries: (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters).</summary>
public sealed record LstmCellCache(
    Tensor ANext, Tensor CNext, Tensor APrev, Tensor CPrev, Tensor Ft, Tensor It, Tensor Cct, Tensor Ot, Tensor Xt, LstmParameters Parameters);

/// <summary>The gradients of one LSTM step, or of a whole sequence (dxt is then dx (n_x, m, T) and da_prev is da0).</summary>
public sealed record LstmGradients(
    Tensor Dxt, Tensor DaPrev, Tensor DcPrev, Tensor DWf, Tensor Dbf, Tensor DWi, Tensor Dbi, Tensor DWc, Tensor Dbc, Tensor DWo, Tensor Dbo);
