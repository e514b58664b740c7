using Platform.Workers.Assignments.C4;
using Platform.Workers.Weights;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W3YoloCarDetection;

/// <summary>YAD2K's DarknetConv2D_BN_Leaky: 'same' convolution without bias, batch norm (Keras epsilon 1e-3), leaky ReLU 0.1.</summary>
public sealed class DarknetConv : nn.Module<Tensor, Tensor>
{
    // Held in a static field: TorchSharp frees an implicitly made Scalar in a finalizer, possibly mid-call (see SafeScalarOps).
    private static readonly Scalar LeakySlope = 0.1.ToScalar();

    private readonly Conv2d conv;
    private readonly BatchNorm2d norm;

    public DarknetConv(int inChannels, int filters, int kernel) : base(nameof(DarknetConv))
    {
        OutChannels = filters;
        conv = nn.Conv2d(inChannels, filters, kernel, padding: kernel / 2, bias: false);
        norm = nn.BatchNorm2d(filters, eps: 1e-3);
        RegisterComponents();
    }

    public int OutChannels { get; }

    public override Tensor forward(Tensor input) =>
        norm.forward(conv.forward(input)).leaky_relu(LeakySlope);

    public void Load(KerasWeightsFile file, string convName, string normName)
    {
        LoadKernel(file, convName, conv.weight!);
        int[] shape = [OutChannels];
        norm.weight!.copy_(tensor(file.Read(normName, "gamma:0", shape)));
        norm.bias!.copy_(tensor(file.Read(normName, "beta:0", shape)));
        norm.running_mean!.copy_(tensor(file.Read(normName, "moving_mean:0", shape)));
        norm.running_var!.copy_(tensor(file.Read(normName, "moving_variance:0", shape)));
    }

    /// <summary>A layer's Keras kernel into a torch weight.</summary>
    public static void LoadKernel(KerasWeightsFile file, string layer, Tensor weight) =>
        KerasKernel.CopyInto(weight, file.Read(layer, "kernel:0", KerasKernel.ShapeOf(weight)));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv.Dispose();
            norm.Dispose();
        }

        base.Dispose(disposing);
    }
}
