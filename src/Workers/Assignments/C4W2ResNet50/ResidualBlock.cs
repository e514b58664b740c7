using Platform.Workers.Assignments.C4;
using Platform.Workers.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W2ResNet50;

/// <summary>
/// The notebook's identity_block and convolutional_block (spec §14), NCHW. Main path: Conv 1×1 F1 (stride s, 'valid') →
/// BN → ReLU → Conv f×f F2 'same' → BN → ReLU → Conv 1×1 F3 → BN; shortcut: the input (identity) or Conv 1×1 F3 stride s
/// → BN (convolutional); then Add → ReLU. Convs have biases; BN has Keras' ε = 0.001 and momentum 0.99 (torch 0.01).
/// Names follow torchvision's Bottleneck: conv1..3, bn1..3, downsample.0/.1.
/// </summary>
public sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    public const double BatchNormEpsilon = 1e-3;
    public const double BatchNormMomentum = 0.01;

    private readonly int f;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly Sequential? downsample;

    private ResidualBlock(long inChannels, int f, IReadOnlyList<long> filters, int stride, bool projectShortcut) : base(nameof(ResidualBlock))
    {
        if (filters.Count != 3)
        {
            throw new ArgumentException($"filters: expected [F1, F2, F3], got {filters.Count} values", nameof(filters));
        }

        this.f = f;
        conv1 = nn.Conv2d(inChannels, filters[0], 1, stride: stride);
        bn1 = BatchNorm(filters[0]);
        conv2 = nn.Conv2d(filters[0], filters[1], f);
        bn2 = BatchNorm(filters[1]);
        conv3 = nn.Conv2d(filters[1], filters[2], 1);
        bn3 = BatchNorm(filters[2]);
        downsample = projectShortcut ? nn.Sequential(nn.Conv2d(inChannels, filters[2], 1, stride: stride), BatchNorm(filters[2])) : null;
        RegisterComponents();
    }

    /// <summary>identity_block(X, f, filters): the input must already have F3 channels.</summary>
    public static ResidualBlock Identity(int f, IReadOnlyList<long> filters) => new(filters[^1], f, filters, 1, projectShortcut: false);

    /// <summary>convolutional_block(X, f, filters, s): the shortcut is projected to F3 channels with stride s.</summary>
    public static ResidualBlock Convolutional(long inChannels, int f, IReadOnlyList<long> filters, int s) => new(inChannels, f, filters, s, projectShortcut: true);

    public static BatchNorm2d BatchNorm(long channels) => nn.BatchNorm2d(channels, eps: BatchNormEpsilon, momentum: BatchNormMomentum);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(bn1.forward(conv1.forward(input)));
        x = nn.functional.relu(bn2.forward(conv2.forward(TfSamePadding.Pad(x, f, 1))));
        x = bn3.forward(conv3.forward(x));
        var shortcut = downsample is null ? input : downsample.forward(input);
        return nn.functional.relu(x.Plus(shortcut)).MoveToOuterDisposeScope(); // Plus: no implicit Scalar (SafeScalarOps)
    }
}
