using Platform.Workers.Assignments.C4W3YoloCarDetection;
using Platform.Workers.Torch;
using PureHDF;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Tests.Support;

/// <summary>
/// Writes a network's weights as Keras' <c>model.save</c> lays them out in yolo.h5 (model_weights/layer/layer/weight:0,
/// kernels as (kh, kw, in, out)), so weight loading is tested against files the tests make themselves.
/// </summary>
public static class KerasWeightsWriter
{
    public static void Write(string path, YoloV2 model, Func<string, int[], float[]>? kernel = null, (string Layer, int[] Shape)? overrideShape = null)
    {
        var state = model.state_dict();
        var layers = new H5Group();
        var units = state.Keys.Count(k => k.EndsWith(".conv.weight", StringComparison.Ordinal));
        for (var i = 0; i < units; i++)
        {
            var conv = $"conv2d_{i + 1}";
            layers[conv] = Layer(conv, ("kernel:0", Kernel(conv, state[$"units.{i}.conv.weight"], kernel, overrideShape)));
            var norm = $"batch_normalization_{i + 1}";
            layers[norm] = Layer(norm,
                ("gamma:0", Vector(state[$"units.{i}.norm.weight"])),
                ("beta:0", Vector(state[$"units.{i}.norm.bias"])),
                ("moving_mean:0", Vector(state[$"units.{i}.norm.running_mean"])),
                ("moving_variance:0", Vector(state[$"units.{i}.norm.running_var"])));
        }

        var head = $"conv2d_{units + 1}";
        layers[head] = Layer(head, ("kernel:0", Kernel(head, state["output.weight"], kernel, overrideShape)), ("bias:0", Vector(state["output.bias"])));
        new H5File { ["model_weights"] = layers }.Write(path);
    }

    /// <summary>Gives every batch-norm value a random value, so a round trip checks them (defaults are all 0 or 1).</summary>
    public static void RandomiseBatchNorm(YoloV2 model)
    {
        using var noGrad = no_grad();
        foreach (var (name, value) in model.state_dict().Where(e => e.Key.Contains(".norm.", StringComparison.Ordinal) && e.Value.dtype == float32))
        {
            value.copy_(rand_like(value).Plus(0.5));
        }
    }

    private static H5Group Layer(string name, params (string Weight, H5Dataset Data)[] weights)
    {
        var inner = new H5Group();
        foreach (var (weight, data) in weights)
        {
            inner[weight] = data;
        }

        return new H5Group { [name] = inner };
    }

    private static H5Dataset Kernel(string layer, Tensor weight, Func<string, int[], float[]>? kernel, (string Layer, int[] Shape)? overrideShape)
    {
        if (overrideShape is { } o && o.Layer == layer)
        {
            return Dataset(new float[o.Shape.Aggregate(1, (a, b) => a * b)], o.Shape);
        }

        using var keras = weight.detach().permute(2, 3, 1, 0).contiguous();
        var shape = keras.shape.Select(d => (int)d).ToArray();
        return Dataset(kernel?.Invoke(layer, shape) ?? keras.data<float>().ToArray(), shape);
    }

    private static H5Dataset Vector(Tensor t) => Dataset(t.detach().contiguous().data<float>().ToArray(), [(int)t.shape[0]]);

    private static H5Dataset Dataset(float[] values, int[] shape) => new(values, fileDims: shape.Select(d => (ulong)d).ToArray());
}
