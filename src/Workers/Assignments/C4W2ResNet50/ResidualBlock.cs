using Platform.Workers.Assignments.C4;
using Platform.Workers.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W2ResNet50;

/// <summary>
/// The notebook's identity_block and convolutional_block (spec §14), NCHW. Main path: Conv 1×1 F1 (stride s, 'valid') →
/// BN → ReLU → Conv f×f F2 'same' → BN → ReLU → Conv 1×1 F3 → BN; shortcut: the input (identity) or Conv 1×1 F3 stride s
/// → BN (convolutional); then Add → ReLU. Convs have biases; BN has Keras' ε = 0.001 and momentum 0.99 (torch 0.01).
/// Names follow torchvision's Bottleneck: conv1..3, bn1..3, downsample.0/.1. <see cref="BlockBatchNorm"/> says whether the
/// BNs follow the module's train/eval mode (2017) or always use batch statistics (2021's training=True).
/// </summary>
public sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    public const double BatchNormEpsilon = 1e-3;
    public const double BatchNormMomentum = 0.01;

    private readonly int f;
    private readonly BlockBatchNorm batchNorm;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly Sequential? downsample;

    // downsample's two layers, held in a tuple so that RegisterComponents does not register them a second time.
    private readonly (Conv2d Conv, BatchNorm2d Bn)? shortcut;

    private ResidualBlock(long inChannels, int f, IReadOnlyList<long> filters, int stride, bool projectShortcut, BlockBatchNorm batchNorm)
        : base(nameof(ResidualBlock))
    {
        if (filters.Count != 3)
        {
            throw new ArgumentException($"filters: expected [F1, F2, F3], got {filters.Count} values", nameof(filters));
        }

        this.f = f;
        this.batchNorm = batchNorm;
        conv1 = nn.Conv2d(inChannels, filters[0], 1, stride: stride);
        bn1 = BatchNorm(filters[0]);
        conv2 = nn.Conv2d(filters[0], filters[1], f);
        bn2 = BatchNorm(filters[1]);
        conv3 = nn.Conv2d(filters[1], filters[2], 1);
        bn3 = BatchNorm(filters[2]);
        if (projectShortcut)
        {
            shortcut = (nn.Conv2d(inChannels, filters[2], 1, stride: stride), BatchNorm(filters[2]));
            downsample = nn.Sequential(shortcut.Value.Conv, shortcut.Value.Bn);
        }

        RegisterComponents();
    }

    /// <summary>identity_block(X, f, filters): the input must already have F3 channels.</summary>
    public static ResidualBlock Identity(int f, IReadOnlyList<long> filters, BlockBatchNorm batchNorm = BlockBatchNorm.FollowModelMode) =>
        new(filters[^1], f, filters, 1, projectShortcut: false, batchNorm);

    /// <summary>convolutional_block(X, f, filters, s): the shortcut is projected to F3 channels with stride s.</summary>
    public static ResidualBlock Convolutional(long inChannels, int f, IReadOnlyList<long> filters, int s, BlockBatchNorm batchNorm = BlockBatchNorm.FollowModelMode) =>
        new(inChannels, f, filters, s, projectShortcut: true, batchNorm);

    public static BatchNorm2d BatchNorm(long channels) => nn.BatchNorm2d(channels, eps: BatchNormEpsilon, momentum: BatchNormMomentum);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(Normalize(bn1, conv1.forward(input)));
        x = nn.functional.relu(Normalize(bn2, conv2.forward(TfSamePadding.Pad(x, f, 1))));
        x = Normalize(bn3, conv3.forward(x));
        var skip = shortcut is { } projection ? Normalize(projection.Bn, projection.Conv.forward(input)) : input;
        return nn.functional.relu(x.Plus(skip)).MoveToOuterDisposeScope(); // Plus: no implicit Scalar (SafeScalarOps)
    }

    /// <summary>
    /// The BN in the module's mode, or with batch statistics whatever the mode (2021's training=True; it also updates the
    /// moving statistics then, as Keras does, though they are never read).
    /// </summary>
    private Tensor Normalize(BatchNorm2d bn, Tensor x) => batchNorm == BlockBatchNorm.AlwaysBatchStatistics && !training
        ? nn.functional.batch_norm(x, bn.running_mean, bn.running_var, bn.weight, bn.bias, training: true, momentum: BatchNormMomentum, eps: BatchNormEpsilon)
        : bn.forward(x);
}
