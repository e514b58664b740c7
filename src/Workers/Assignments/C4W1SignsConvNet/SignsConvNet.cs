using Platform.Workers.Assignments.C4;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W1SignsConvNet;

/// <summary>
/// The notebook's ConvNet (spec §12, 2021 topology), NCHW: CONV2D 8 4×4 'same' → RELU → MAXPOOL 8×8/8 'same' → CONV2D 16
/// 2×2 'same' → RELU → MAXPOOL 4×4/4 'same' → FLATTEN (64) → Dense 6 (logits; the softmax is in the loss). With conv
/// biases: 392 + 528 + 390 = 1,310 parameters. The even kernels need TF's asymmetric 'same' padding (0/1 for f = 2,
/// 1/2 for f = 4), applied before convolutions declared with padding 0. Flatten runs over (C, H, W) rather than Keras'
/// (H, W, C): a fixed permutation of fc's inputs, the same model.
/// </summary>
public sealed class SignsConvNet : nn.Module<Tensor, Tensor>
{
    public const ulong InitializationSeed = 1;
    public const int Classes = 6;

    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc;

    public SignsConvNet(ulong seed = InitializationSeed) : base(nameof(SignsConvNet))
    {
        conv1 = nn.Conv2d(3, 8, 4);
        conv2 = nn.Conv2d(8, 16, 2);
        fc = nn.Linear(64, Classes);
        RegisterComponents();
        GlorotUniform.Initialize(this, seed);
    }

    public override Tensor forward(Tensor input) => Forward(input, trace: null);

    /// <summary>The forward pass, reporting each layer's output shape (NCHW) to <paramref name="trace"/> when given.</summary>
    public Tensor Forward(Tensor input, Action<string, long[]>? trace)
    {
        var x = input;
        Tensor Step(string layer, Tensor next)
        {
            trace?.Invoke(layer, next.shape);
            return next;
        }

        x = Step("conv1", conv1.forward(TfSamePadding.Pad(x, 4, 1)));
        x = Step("pool1", TfSamePadding.MaxPool(nn.functional.relu(x), 8, 8));
        x = Step("conv2", conv2.forward(TfSamePadding.Pad(x, 2, 1)));
        x = Step("pool2", TfSamePadding.MaxPool(nn.functional.relu(x), 4, 4));
        x = Step("flatten", x.flatten(1));
        return Step("fc", fc.forward(x));
    }
}
