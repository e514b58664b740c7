using Platform.Workers.Assignments.C4;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W2ResNet50;

/// <summary>
/// The notebook's ResNet50(input_shape=(64,64,3), classes=6) (spec §14), NCHW, at any <see cref="ResNetShape"/>:
/// ZeroPadding 3 → conv1 7×7/2 → bn1 → ReLU → MaxPool 3×3/2 (stage 1) → layer1..layer4 (stages 2–5; conv block with
/// s = 1, 2, 2, 2, then identity blocks; f = 3) → AvgPool 2×2 'same' → Flatten → fc (logits; softmax in the loss).
/// At the notebook's shape: 23,600,006 parameters, 53,120 of them BatchNorm moving statistics. The stem's bn1 follows the
/// module's train/eval mode; the blocks' BNs do as <see cref="BlockBatchNorm"/> says (the 2017 and 2021 notebooks differ).
/// </summary>
public sealed class ResNet : nn.Module<Tensor, Tensor>
{
    public const ulong InitializationSeed = 1;
    public const int BlockKernel = 3;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly Linear fc;

    /// <param name="keras">Keras20: the 2017 notebook's kernels (<see cref="GlorotUniform.InitializeAsKeras20"/>); Tf2: Glorot uniform from <paramref name="seed"/>.</param>
    public ResNet(ResNetShape shape, BlockBatchNorm blockBatchNorm, KerasVersion keras = KerasVersion.Tf2, ulong seed = InitializationSeed) : base(nameof(ResNet))
    {
        shape = shape.Validated();
        conv1 = nn.Conv2d(3, shape.BaseFilters, 7, stride: 2);
        bn1 = ResidualBlock.BatchNorm(shape.BaseFilters);
        var layers = new Sequential[ResNetShape.Stages];
        long channels = shape.BaseFilters;
        for (var stage = 0; stage < ResNetShape.Stages; stage++)
        {
            var filters = shape.Filters(stage);
            var blocks = new List<(string, nn.Module<Tensor, Tensor>)>
            {
                ("0", ResidualBlock.Convolutional(channels, BlockKernel, filters, s: stage == 0 ? 1 : 2, blockBatchNorm)),
            };
            for (var b = 1; b < shape.StageBlocks[stage]; b++)
            {
                blocks.Add((b.ToString(System.Globalization.CultureInfo.InvariantCulture), ResidualBlock.Identity(BlockKernel, filters, blockBatchNorm)));
            }

            layers[stage] = nn.Sequential(blocks);
            channels = filters[2];
        }

        (layer1, layer2, layer3, layer4) = (layers[0], layers[1], layers[2], layers[3]);
        fc = nn.Linear(channels, shape.Classes);
        RegisterComponents();
        if (keras == KerasVersion.Keras20)
        {
            GlorotUniform.InitializeAsKeras20(this);
        }
        else
        {
            GlorotUniform.Initialize(this, seed);
        }
    }

    public override Tensor forward(Tensor input) => Forward(input, trace: null);

    /// <summary>The forward pass, reporting each stage's output shape (NCHW) to <paramref name="trace"/> when given.</summary>
    public Tensor Forward(Tensor input, Action<string, long[]>? trace)
    {
        using var scope = NewDisposeScope();
        Tensor Step(string stage, Tensor next)
        {
            trace?.Invoke(stage, next.shape);
            return next;
        }

        var x = Step("zero_padding", nn.functional.pad(input, [3, 3, 3, 3]));
        x = Step("stage1", nn.functional.max_pool2d(nn.functional.relu(bn1.forward(conv1.forward(x))), [3, 3], [2, 2]));
        x = Step("stage2", layer1.forward(x));
        x = Step("stage3", layer2.forward(x));
        x = Step("stage4", layer3.forward(x));
        x = Step("stage5", layer4.forward(x));
        x = Step("avg_pool", TfSamePadding.AvgPool(x, 2, 2));
        return Step("fc", fc.forward(x.flatten(1))).MoveToOuterDisposeScope();
    }
}
