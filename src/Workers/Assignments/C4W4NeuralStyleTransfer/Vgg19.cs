using Platform.Workers.Weights;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W4NeuralStyleTransfer;

/// <summary>
/// The convolutional part of VGG-19 as the notebook's load_vgg_model builds it: 16 'same' 3x3 convolutions with bias and
/// ReLU, named conv1_1 … conv5_4, and 2x2 average pooling (TF 'SAME': a partial last window averages only its inside
/// values) in place of max pooling. Takes NCHW images; returns the activations of the layers asked for.
/// <paramref name="widthDivisor"/> divides every width so tests can build the same layout small; 1 is the real network.
/// </summary>
public sealed class Vgg19 : nn.Module
{
    /// <summary>Blocks of (convolutions, width); each block ends with avgpool&lt;block&gt;.</summary>
    private static readonly (int Convolutions, int Width)[] Blocks = [(2, 64), (2, 128), (4, 256), (4, 512), (4, 512)];

    private readonly ModuleDict<Conv2d> convolutions = new();
    private readonly List<string> names = [];

    public Vgg19(int widthDivisor = 1) : base(nameof(Vgg19))
    {
        var channels = 3;
        for (var b = 0; b < Blocks.Length; b++)
        {
            for (var c = 0; c < Blocks[b].Convolutions; c++)
            {
                var width = Blocks[b].Width / widthDivisor;
                names.Add($"conv{b + 1}_{c + 1}");
                convolutions.Add(names[^1], nn.Conv2d(channels, width, 3, padding: 1));
                channels = width;
            }
        }

        RegisterComponents();
    }

    /// <summary>conv1_1 … conv5_4 in network order.</summary>
    public IReadOnlyList<string> ConvolutionNames => names;

    /// <summary>The activations of <paramref name="layers"/> (convolutions after ReLU, or avgpool1..5); runs only as deep as needed.</summary>
    public Dictionary<string, Tensor> Activations(Tensor input, IReadOnlyCollection<string> layers)
    {
        var wanted = new HashSet<string>(layers);
        var result = new Dictionary<string, Tensor>();
        var x = input;
        for (var b = 0; b < Blocks.Length && result.Count < wanted.Count; b++)
        {
            for (var c = 0; c < Blocks[b].Convolutions && result.Count < wanted.Count; c++)
            {
                var name = $"conv{b + 1}_{c + 1}";
                x = nn.functional.relu(convolutions[name].forward(x));
                Keep(name, x);
            }

            if (result.Count < wanted.Count)
            {
                x = AveragePool(x);
                Keep($"avgpool{b + 1}", x);
            }
        }

        var missing = wanted.Except(result.Keys).ToArray();
        return missing.Length == 0
            ? result
            : throw new ArgumentException($"VGG-19 has no layer {string.Join(", ", missing)} (conv1_1 … conv5_4, avgpool1 … avgpool5)");

        void Keep(string name, Tensor value)
        {
            if (wanted.Contains(name))
            {
                result[name] = value;
            }
        }
    }

    /// <summary>
    /// tf.nn.avg_pool, 2x2 stride 2 'SAME': an odd size gets a partial last window that averages only its inside values,
    /// which is what torch's ceil mode without padding does.
    /// </summary>
    public static Tensor AveragePool(Tensor x) => nn.functional.avg_pool2d(x, 2, 2, ceil_mode: true);

    /// <summary>
    /// He-normal weights, N(0, 2/fan_in), and zero biases: the random-init demo's network keeps its activations at a usable
    /// scale. Drawn from a generator of its own, so the demo repeats without reseeding the process (trials can share one).
    /// </summary>
    public void InitialiseRandomly(ulong seed)
    {
        using var noGrad = no_grad();
        using var generator = new Generator(seed);
        foreach (var (_, conv) in convolutions)
        {
            var weight = conv.weight!;
            var fanIn = weight.numel() / weight.shape[0];
            weight.normal_(0, Math.Sqrt(2.0 / fanIn), generator);
            conv.bias!.zero_();
        }
    }

    /// <summary>Loads the convolutions from a MatConvNet imagenet-vgg-verydeep-19.mat; shapes that differ fail naming the layer.</summary>
    public void LoadMatConvNetWeights(string path)
    {
        var layers = MatConvNetLayers.Read(path);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope(); // every tensor made from the file's arrays
        foreach (var (name, conv) in convolutions)
        {
            var weight = conv.weight!;
            var (o, i) = ((int)weight.shape[0], (int)weight.shape[1]);
            var (kernel, bias) = layers.Weights(name, [3, 3, i, o]);
            // MATLAB keeps (kh, kw, in, out) column-major, which is (out, in, kw, kh) row-major: swap the last two for torch.
            weight.copy_(tensor(kernel, [o, i, 3, 3]).transpose(2, 3));
            conv.bias!.copy_(tensor(bias));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            convolutions.Dispose();
        }

        base.Dispose(disposing);
    }
}
