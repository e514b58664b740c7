using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C1W4;

/// <summary>W{l} (n_l, n_{l-1}) and b{l} (n_l, 1) of one layer.</summary>
public sealed record LayerParameters(Tensor W, Tensor B);

/// <summary>linear_forward's cache: (A_prev, W, b).</summary>
public sealed record LinearCache(Tensor APrev, Tensor W, Tensor B);

/// <summary>linear_activation_forward's cache: ((A_prev, W, b), Z).</summary>
public sealed record ActivationCache(LinearCache Linear, Tensor Z);

/// <summary>
/// What the backward pass of layer l yields: dA{l-1}, dW{l}, db{l}. <see cref="DAPrev"/> is null where it was not asked
/// for (the input layer during training: nothing reads dA0).
/// </summary>
public sealed record LayerGradients(Tensor? DAPrev, Tensor DW, Tensor Db);

public enum Activation
{
    Sigmoid,
    Relu,
}

/// <summary>How initialize_parameters_deep scales its randn draws: ·0.01 (step by step) or /sqrt(n_{l-1}) (the cat application).</summary>
public enum WeightScale
{
    TimesHundredth,
    DivideBySqrtFanIn,
}
