using Platform.Workers.Assignments.C4;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W2HappyHouse;

/// <summary>
/// The Keras tutorial's HappyModel (spec §13), NCHW: ZeroPadding2D(3) → Conv2D 32 7×7 ('conv0') → BatchNormalization
/// (Keras' momentum 0.99 = torch's 0.01, ε = 0.001) → ReLU → MaxPool 2×2 → Flatten (32768) → Dense 1 (a logit; the sigmoid
/// is in the loss). 4,736 + 128 + 32,769 = 37,633 parameters, 64 of them BatchNorm's non-trainable moving statistics.
/// </summary>
public sealed class HappyModel : nn.Module<Tensor, Tensor>
{
    public const ulong InitializationSeed = 1;
    public const int Padding = 3;

    private readonly Conv2d conv0;
    private readonly BatchNorm2d bn0;
    private readonly Linear fc;

    public HappyModel(ulong seed = InitializationSeed) : base(nameof(HappyModel))
    {
        conv0 = nn.Conv2d(3, 32, 7);
        bn0 = nn.BatchNorm2d(32, eps: 1e-3, momentum: 0.01);
        fc = nn.Linear(32 * 32 * 32, 1);
        RegisterComponents();
        GlorotUniform.Initialize(this, seed);
    }

    public override Tensor forward(Tensor input) => Forward(input, trace: null);

    /// <summary>The forward pass, reporting each layer's output shape (NCHW) to <paramref name="trace"/> when given.</summary>
    public Tensor Forward(Tensor input, Action<string, long[]>? trace)
    {
        Tensor Step(string layer, Tensor next)
        {
            trace?.Invoke(layer, next.shape);
            return next;
        }

        var x = Step("zero_padding", nn.functional.pad(input, [Padding, Padding, Padding, Padding]));
        x = Step("conv0", conv0.forward(x));
        x = Step("max_pool", nn.functional.max_pool2d(nn.functional.relu(bn0.forward(x)), [2, 2], [2, 2]));
        x = Step("flatten", x.flatten(1));
        return Step("fc", fc.forward(x));
    }
}
