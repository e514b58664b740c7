using Platform.Workers.Assignments.C4W4NeuralStyleTransfer;
using Platform.Workers.Weights;
using TorchSharp;

namespace Platform.Workers.Tests.Support;

/// <summary>
/// Writes a network's convolutions as a MatConvNet model (imagenet-vgg-verydeep-19.mat's layout): a <c>layers</c> cell of
/// one struct per layer with name, type and weights = {kernel (kh, kw, in, out) column-major, bias (1, out)}, a ReLU after
/// each convolution and pools after each block, like the real file.
/// </summary>
public static class VggMatFileWriter
{
    public static void Write(string path, Vgg19 model, bool compress = true, Func<string, int[], float[]>? kernel = null, (string Layer, int[] Shape)? overrideShape = null)
    {
        var state = model.state_dict();
        var layers = new List<MatArray>();
        foreach (var name in model.ConvolutionNames)
        {
            var weight = state[$"convolutions.{name}.weight"];
            var (o, i) = ((int)weight.shape[0], (int)weight.shape[1]);
            int[] shape = overrideShape is { } s && s.Layer == name ? s.Shape : [3, 3, i, o];
            using var columnMajor = weight.detach().transpose(2, 3).contiguous(); // (out, in, kw, kh) row-major = (kh, kw, in, out) column-major
            var values = kernel?.Invoke(name, shape)
                ?? (shape.SequenceEqual([3, 3, i, o]) ? columnMajor.data<float>().ToArray() : new float[shape.Aggregate(1, (a, b) => a * b)]);
            var bias = state[$"convolutions.{name}.bias"].detach().data<float>().ToArray();
            layers.Add(Layer(name, "conv", new MatCell("", [1, 2],
                [new MatNumeric("", shape, "single", values, null), new MatNumeric("", [1, bias.Length], "single", bias, null)])));
            layers.Add(Layer("relu" + name[4..], "relu", null));
            if (name is "conv1_2" or "conv2_2" or "conv3_4" or "conv4_4" or "conv5_4")
            {
                layers.Add(Layer($"pool{name[4]}", "pool", null));
            }
        }

        MatFileWriter.Write(path, [new MatCell("layers", [1, layers.Count], layers)], compress);
    }

    private static MatStruct Layer(string name, string type, MatCell? weights)
    {
        var fields = new Dictionary<string, MatArray> { ["name"] = Text(name), ["type"] = Text(type) };
        if (weights is not null)
        {
            fields["weights"] = weights;
        }

        return new MatStruct("", [1, 1], fields.Keys.ToArray(), [fields]);
    }

    private static MatChar Text(string text) => new("", [1, text.Length], text);
}
