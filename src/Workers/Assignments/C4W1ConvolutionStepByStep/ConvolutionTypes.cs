using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W1ConvolutionStepByStep;

/// <summary>The notebook's <c>hparameters</c> of a convolution: the step between windows and the zero border.</summary>
public sealed record ConvHyperparameters(int Stride, int Pad);

/// <summary>
/// conv_single_step as written: v2 (2017 v2 and later) adds b once; the first 2017 release (v1) added b to every element of
/// the window, i.e. f·f·n_C_prev times.
/// </summary>
public enum SingleStepVersion
{
    V2,
    V1,
}

/// <summary>cache_conv = (A_prev, W, b, hparameters).</summary>
public sealed record ConvCache(Tensor APrev, Tensor W, Tensor B, ConvHyperparameters Hyperparameters);

public enum PoolMode
{
    Max,
    Average,
}

/// <summary>The pooling <c>hparameters</c>: window size f and stride (no padding).</summary>
public sealed record PoolHyperparameters(int F, int Stride);

/// <summary>cache = (A_prev, hparameters).</summary>
public sealed record PoolCache(Tensor APrev, PoolHyperparameters Hyperparameters);

/// <summary>conv_backward's gradients: dA_prev (m, n_H_prev, n_W_prev, n_C_prev), dW (f, f, n_C_prev, n_C), db (1, 1, 1, n_C).</summary>
public sealed record ConvGradients(Tensor DAPrev, Tensor DW, Tensor Db);
