using Platform.Workers.Assignments.C2W3SignsMlp;
using Platform.Workers.Assignments.C4;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W1SignsConvNet;

/// <summary>
/// The notebooks' ConvNet (spec §12), NCHW: CONV2D 8 4×4 'same' → RELU → MAXPOOL 8×8/8 'same' → CONV2D 16 2×2 'same' →
/// RELU → MAXPOOL 4×4/4 'same' → FLATTEN (64) → fully connected 6 (logits; the softmax is in the loss). The 2021 (TF2)
/// model has conv biases: 392 + 528 + 390 = 1,310 parameters; the 2017 (TF1) one has none: 384 + 512 + 390 = 1,286
/// (<see cref="Notebook2017"/>). The even kernels need TF's asymmetric 'same' padding (0/1 for f = 2, 1/2 for f = 4),
/// applied before convolutions declared with padding 0. Flatten runs over (C, H, W) rather than TF's (H, W, C): a fixed
/// permutation of fc's inputs, the same model.
/// </summary>
public sealed class SignsConvNet : nn.Module<Tensor, Tensor>
{
    public const ulong InitializationSeed = 1;
    public const int Classes = 6;

    /// <summary>The 2017 notebook's <c>tf.set_random_seed(1)</c>.</summary>
    public const long Notebook2017GraphSeed = 1;

    /// <summary>
    /// The 2017 notebook's <c>fully_connected</c> layer takes <c>xavier_initializer()</c> without a seed, so TF1 gives its
    /// op the graph's last op id as seed: 45 in the notebook's graph, found by matching the notebook's printed
    /// forward_propagation output (Z3 for its seed-1 inputs), which this value reproduces to every printed digit.
    /// </summary>
    public const long Notebook2017FullyConnectedSeed = 45;

    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc;

    /// <summary>The 2021 model: conv biases, Glorot-uniform kernels from a torch generator seeded with <paramref name="seed"/>.</summary>
    public SignsConvNet(ulong seed = InitializationSeed) : this(convolutionBiases: true)
    {
        GlorotUniform.Initialize(this, seed);
    }

    private SignsConvNet(bool convolutionBiases) : base(nameof(SignsConvNet))
    {
        conv1 = nn.Conv2d(3, 8, 4, bias: convolutionBiases);
        conv2 = nn.Conv2d(8, 16, 2, bias: convolutionBiases);
        fc = nn.Linear(64, Classes);
        RegisterComponents();
    }

    /// <summary>
    /// The 2017 notebook's model (TF1): no conv biases, and its exact initial weights. <c>tf.set_random_seed(1)</c>, then
    /// W1 [4,4,3,8] and W2 [2,2,8,16] from <c>xavier_initializer(seed = 0)</c> (graph seed 1, op seed 0: both start the
    /// same Philox stream, <see cref="TensorFlowRandom"/>), and <c>fully_connected(P2, 6)</c>'s weights [64, 6] from
    /// <c>xavier_initializer()</c> with op seed <see cref="Notebook2017FullyConnectedSeed"/>; its bias is zero.
    /// </summary>
    public static SignsConvNet Notebook2017()
    {
        var model = new SignsConvNet(convolutionBiases: false);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        GlorotUniform.FillAsTf1(model.conv1.weight!, Notebook2017GraphSeed, 0);
        GlorotUniform.FillAsTf1(model.conv2.weight!, Notebook2017GraphSeed, 0);
        // TF's rows are (h, w, c) of the flattened (2, 2, 16) map, ours (c, h, w).
        var fc = tensor(TensorFlowRandom.XavierUniform([64, Classes], Notebook2017GraphSeed, Notebook2017FullyConnectedSeed), [64, Classes]);
        model.fc.weight!.copy_(fc.reshape(2, 2, 16, Classes).permute(3, 2, 0, 1).reshape(Classes, 64));
        model.fc.bias!.zero_();
        return model;
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
