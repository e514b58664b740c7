using Platform.Testing;
using Platform.Workers.Assignments.C4W4NeuralStyleTransfer;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Tests.Assignments.C4W4NeuralStyleTransfer;

/// <summary>The VGG-19 module: the notebook's activation shapes, TF 'SAME' average pooling, loading MatConvNet weights.</summary>
public sealed class Vgg19Tests : IDisposable
{
    private readonly TempDirectory temp = new("vgg-weights");

    public Vgg19Tests() => TorchRuntime.EnsureInitialized();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Activations_have_the_notebooks_spatial_shapes_on_a_300x400_image()
    {
        using var scope = NewDisposeScope();
        using var model = new Vgg19(widthDivisor: 32); // the widths are checked below on a small image
        string[] layers = ["conv1_2", "avgpool1", "conv2_1", "conv3_1", "avgpool3", "conv4_2", "conv5_1", "avgpool5"];

        var a = model.Activations(zeros(1, 3, 300, 400), layers);

        Assert.Equal([(300L, 400L), (150, 200), (150, 200), (75, 100), (38, 50), (38, 50), (19, 25), (10, 13)],
            layers.Select(l => (a[l].shape[2], a[l].shape[3])));
    }

    [Fact]
    public void The_real_widths_are_64_128_256_512_512()
    {
        using var scope = NewDisposeScope();
        using var model = new Vgg19();
        string[] layers = ["conv1_1", "conv2_1", "conv3_1", "conv4_1", "conv5_1"];

        var a = model.Activations(zeros(1, 3, 16, 16), layers);

        Assert.Equal([64L, 128, 256, 512, 512], layers.Select(l => a[l].shape[1]));
    }

    [Fact]
    public void Average_pooling_of_an_odd_size_averages_only_the_inside_of_the_last_window()
    {
        using var x = arange(9, float32).reshape(1, 1, 3, 3); // 0 1 2 / 3 4 5 / 6 7 8

        using var pooled = Vgg19.AveragePool(x);

        Assert.Equal([2f, 3.5f, 6.5f, 8], pooled.data<float>().ToArray()); // (0+1+3+4)/4, (2+5)/2, (6+7)/2, 8
    }

    [Fact]
    public void An_unknown_layer_is_refused_naming_it()
    {
        using var model = new Vgg19(widthDivisor: 32);
        using var input = zeros(1, 3, 8, 8);

        var e = Assert.Throws<ArgumentException>(() => model.Activations(input, ["conv6_1"]));

        Assert.Contains("conv6_1", e.Message);
    }

    [Fact]
    public void MatConvNet_weights_reproduce_the_source_network()
    {
        using var scope = NewDisposeScope();
        using var source = new Vgg19(widthDivisor: 16);
        var path = Path.Combine(temp.Path, "vgg.mat");
        VggMatFileWriter.Write(path, source);
        using var loaded = new Vgg19(widthDivisor: 16);

        loaded.LoadMatConvNetWeights(path);

        var input = rand(1, 3, 24, 32);
        var expected = source.Activations(input, ["conv5_4"])["conv5_4"];
        var actual = loaded.Activations(input, ["conv5_4"])["conv5_4"];
        Assert.True(expected.allclose(actual, rtol: 1e-5, atol: 1e-7), "the loaded network computes what the written one did");
        Assert.True(expected.abs().sum().item<float>() > 0, "the comparison is not between zeros");
    }

    [Fact]
    public void A_column_major_kernel_element_lands_at_torch_out_in_kh_kw()
    {
        using var model = new Vgg19(widthDivisor: 16);
        var path = Path.Combine(temp.Path, "vgg.mat");
        VggMatFileWriter.Write(path, model, compress: false,
            kernel: (_, shape) => Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(v => (float)v).ToArray());

        model.LoadMatConvNetWeights(path);

        var weight = model.state_dict()["convolutions.conv1_1.weight"]; // MATLAB (3, 3, 3, 4)
        // MATLAB W(y=1, x=2, in=0, out=3) holds its column-major index y + 3·(x + 3·(in + 3·out)).
        Assert.Equal(1 + 3 * (2 + 3 * (0 + 3 * 3)), weight[3, 0, 1, 2].item<float>());
    }

    [Fact]
    public void A_kernel_of_the_wrong_shape_fails_naming_the_layer_and_the_expected_shape()
    {
        using var model = new Vgg19(widthDivisor: 16);
        var path = Path.Combine(temp.Path, "vgg.mat");
        VggMatFileWriter.Write(path, model, overrideShape: ("conv2_1", [3, 3, 4, 16]));

        var e = Assert.Throws<InvalidDataException>(() => model.LoadMatConvNetWeights(path));

        Assert.Contains("layer 'conv2_1' has kernel (3, 3, 4, 16) and bias (1, 8), expected kernel (3, 3, 4, 8) and bias (8,) of single", e.Message);
    }
}
