using Platform.Workers.Weights;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W3YoloCarDetection;

/// <summary>
/// YOLOv2 (Darknet-19 with the passthrough layer) in the layout of the course's YAD2K <c>yolo.h5</c>: 22 conv + batch-norm
/// + leaky-ReLU(0.1) units named conv2d_1..22 / batch_normalization_1..22 and the 1x1 output conv conv2d_23 (with bias).
/// Takes NCHW images, returns NHWC features (m, rows, columns, anchors·(5 + classes)) like the Keras model.
/// <paramref name="widthDivisor"/> divides every hidden width so tests can build the same layout small; 1 is the real network.
/// </summary>
public sealed class YoloV2 : nn.Module<Tensor, Tensor>
{
    // Darknet-19's convolutions before the passthrough split: (filters, kernel); 0 marks a 2x2 max-pool.
    private static readonly (int Filters, int Kernel)[] DarknetLayout =
    [
        (32, 3), (0, 0), (64, 3), (0, 0), (128, 3), (64, 1), (128, 3), (0, 0), (256, 3), (128, 1), (256, 3), (0, 0),
        (512, 3), (256, 1), (512, 3), (256, 1), (512, 3), (0, 0), (1024, 3), (512, 1), (1024, 3), (512, 1), (1024, 3),
    ];

    /// <summary>The 13th convolution (conv2d_13, 512 filters at 1/16 scale) feeds the passthrough.</summary>
    private const int PassthroughSource = 13;

    private readonly ModuleList<DarknetConv> units = new();
    private readonly Conv2d output;
    private readonly int[] darknetSteps; // per DarknetLayout entry: the unit index, or -1 for a pool

    public YoloV2(int anchors = 5, int classes = 80, int widthDivisor = 1) : base(nameof(YoloV2))
    {
        var channels = 3;
        darknetSteps = new int[DarknetLayout.Length];
        for (var i = 0; i < DarknetLayout.Length; i++)
        {
            var (filters, kernel) = DarknetLayout[i];
            darknetSteps[i] = filters == 0 ? -1 : units.Count;
            if (filters != 0)
            {
                channels = Add(channels, filters / widthDivisor, kernel);
            }
        }

        var passthroughChannels = Unit(PassthroughSource).OutChannels;
        channels = Add(channels, 1024 / widthDivisor, 3); // conv2d_19
        channels = Add(channels, 1024 / widthDivisor, 3); // conv2d_20
        var reorganised = 4 * Add(passthroughChannels, 64 / widthDivisor, 1); // conv2d_21, then space_to_depth x2
        Add(reorganised + channels, 1024 / widthDivisor, 3); // conv2d_22 on [passthrough, conv2d_20]
        output = nn.Conv2d(1024 / widthDivisor, anchors * (5 + classes), 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        Tensor? passthrough = null;
        foreach (var step in darknetSteps)
        {
            x = step < 0 ? nn.functional.max_pool2d(x, 2, 2) : units[step].forward(x);
            if (step == PassthroughSource - 1)
            {
                passthrough = x;
            }
        }

        x = Unit(20).forward(Unit(19).forward(x));
        var reorganised = SpaceToDepth2(Unit(21).forward(passthrough!));
        x = Unit(22).forward(cat([reorganised, x], 1));
        return output.forward(x).permute(0, 2, 3, 1).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Loads a Keras <c>yolo.h5</c>; a missing layer or a shape that differs fails naming the layer and the expected shape.</summary>
    public void LoadKerasWeights(string path)
    {
        using var file = KerasWeightsFile.Open(path);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope(); // every tensor read from the file
        for (var i = 0; i < units.Count; i++)
        {
            units[i].Load(file, $"conv2d_{i + 1}", $"batch_normalization_{i + 1}");
        }

        DarknetConv.LoadKernel(file, $"conv2d_{units.Count + 1}", output.weight!);
        var bias = output.bias!;
        bias.copy_(tensor(file.Read($"conv2d_{units.Count + 1}", "bias:0", [(int)bias.shape[0]])));
    }

    /// <summary>TF's space_to_depth with block 2: output channel (dy·2 + dx)·C + c takes input (c, 2h + dy, 2w + dx).</summary>
    public static Tensor SpaceToDepth2(Tensor x)
    {
        var (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3]);
        return x.view(n, c, h / 2, 2, w / 2, 2).permute(0, 3, 5, 1, 2, 4).reshape(n, 4 * c, h / 2, w / 2);
    }

    private DarknetConv Unit(int kerasIndex) => units[kerasIndex - 1];

    private int Add(int inChannels, int filters, int kernel)
    {
        units.Add(new DarknetConv(inChannels, filters, kernel));
        return filters;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            units.Dispose();
            output.Dispose();
        }

        base.Dispose(disposing);
    }
}
