using Platform.Testing;
using Platform.Workers.Assignments.C4;
using Platform.Workers.Assignments.C4W3YoloCarDetection;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;
using PureHDF;
using TorchSharp;

namespace Platform.Workers.Tests.Assignments.C4W3YoloCarDetection;

/// <summary>The YOLOv2 module: the notebook's sizes, TF's space_to_depth order, and loading Keras yolo.h5 weights.</summary>
public sealed class YoloModelTests : IDisposable
{
    private readonly TempDirectory temp = new("yolo-weights");

    public YoloModelTests() => TorchRuntime.EnsureInitialized();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Course_files_give_80_classes_and_the_five_anchors()
    {
        var classes = YoloModelFiles.ReadClasses(TestData.DataDirectory.File(YoloModelFiles.ClassesFile));
        var anchors = YoloModelFiles.ReadAnchors(TestData.DataDirectory.File(YoloModelFiles.AnchorsFile));

        Assert.Equal(80, classes.Count);
        Assert.Equal(("car", "bus", "traffic light"), (classes[2], classes[5], classes[9]));
        Assert.Equal([(0.57273, 0.677385), (1.87446, 2.06253), (3.33843, 5.47434), (7.88282, 3.52778), (9.77052, 9.16828)], anchors);
    }

    [Fact]
    public void The_full_network_has_the_notebooks_50983561_parameters()
    {
        using var model = new YoloV2();

        Assert.Equal(50_983_561, KerasParameterCount.Of(model).Total);
    }

    [Fact]
    public void Output_is_nhwc_with_anchors_times_85_values_per_cell()
    {
        using var model = new YoloV2(widthDivisor: 16);
        model.eval();
        using var input = torch.rand(2, 3, 96, 64);

        using var output = model.forward(input);

        Assert.Equal([2L, 3, 2, 425], output.shape);
    }

    [Fact]
    public void Space_to_depth_orders_channels_as_tensorflow_does()
    {
        // One channel, a 2x2 image a b / c d: TF's space_to_depth gives the channels [a, b, c, d].
        using var x = torch.tensor(new float[] { 1, 2, 3, 4 }, [1, 1, 2, 2]);
        using var y = YoloV2.SpaceToDepth2(x);

        Assert.Equal([1L, 4, 1, 1], y.shape);
        Assert.Equal([1f, 2, 3, 4], y.data<float>().ToArray());
    }

    [Fact]
    public void Keras_weights_load_kernels_transposed_and_reproduce_the_source_network()
    {
        using var source = new YoloV2(widthDivisor: 16);
        KerasWeightsWriter.RandomiseBatchNorm(source);
        var path = Path.Combine(temp.Path, "yolo.h5");
        KerasWeightsWriter.Write(path, source);
        using var loaded = new YoloV2(widthDivisor: 16);

        loaded.LoadKerasWeights(path);

        source.eval();
        loaded.eval();
        using var input = torch.rand(1, 3, 64, 64);
        using var expected = source.forward(input);
        using var actual = loaded.forward(input);
        Assert.True(expected.allclose(actual, rtol: 1e-5, atol: 1e-6), "the loaded network computes what the written one did");
    }

    [Fact]
    public void A_kernel_element_goes_from_keras_kh_kw_in_out_to_torch_out_in_kh_kw()
    {
        using var model = new YoloV2(widthDivisor: 16);
        var path = Path.Combine(temp.Path, "yolo.h5");
        KerasWeightsWriter.Write(path, model, kernel: (layer, shape) => Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(v => (float)v).ToArray());

        model.LoadKerasWeights(path);

        var weight = model.named_parameters().Single(p => p.name == "units.0.conv.weight").parameter; // conv2d_1: (2, 3, 3, 3)
        // Keras index (y=1, x=2, in=1, out=1) of a (3, 3, 3, 2) kernel holding its own flat index.
        Assert.Equal(((1 * 3 + 2) * 3 + 1) * 2 + 1, weight[1, 1, 1, 2].item<float>());
    }

    [Fact]
    public void A_weight_of_the_wrong_shape_fails_naming_the_layer_and_the_expected_shape()
    {
        using var model = new YoloV2(widthDivisor: 16);
        var path = Path.Combine(temp.Path, "yolo.h5");
        KerasWeightsWriter.Write(path, model, overrideShape: ("conv2d_5", [3, 3, 4, 16]));

        var e = Assert.Throws<InvalidDataException>(() => model.LoadKerasWeights(path));

        Assert.Contains("layer 'conv2d_5' weight 'kernel:0' has shape (3, 3, 4, 16), expected (3, 3, 4, 8)", e.Message);
    }

    [Fact]
    public void A_missing_layer_fails_naming_it_and_its_expected_shape()
    {
        var path = Path.Combine(temp.Path, "yolo.h5");
        new H5File { ["model_weights"] = new H5Group() }.Write(path);
        using var model = new YoloV2(widthDivisor: 16);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadKerasWeights(path));

        Assert.Contains("layer 'conv2d_1' has no weight 'kernel:0' (expected shape (3, 3, 3, 2))", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_hdf5_fails_saying_so()
    {
        var path = Path.Combine(temp.Path, "yolo.h5");
        File.WriteAllText(path, "not an HDF5 file");
        using var model = new YoloV2(widthDivisor: 16);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadKerasWeights(path));

        Assert.Contains("not a Keras HDF5 weights file", e.Message);
    }
}
