using Platform.Workers.Weights;

namespace Platform.Workers.Assignments.C4W4NeuralStyleTransfer;

/// <summary>
/// The <c>layers</c> cell array of a MatConvNet model file: one struct per layer with its <c>name</c> and, for
/// convolutions, <c>weights</c> = {kernel (kh, kw, in, out), bias}, both single precision.
/// </summary>
public sealed class MatConvNetLayers
{
    // Larger arrays (fc6, fc7, fc8 of VGG-19) are skipped: style transfer uses only the convolutions, the largest 3x3x512x512.
    private const long MaxElements = 4_000_000;

    private readonly string path;
    private readonly Dictionary<string, IReadOnlyDictionary<string, MatArray>> byName;

    private MatConvNetLayers(string path, Dictionary<string, IReadOnlyDictionary<string, MatArray>> byName)
    {
        this.path = path;
        this.byName = byName;
    }

    public static MatConvNetLayers Read(string path)
    {
        var variables = MatFileReader.Read(path, MaxElements);
        if (!variables.TryGetValue("layers", out var layers) || layers is not MatCell cell)
        {
            throw new InvalidDataException($"{path}: no 'layers' cell array (expected a MatConvNet model such as imagenet-vgg-verydeep-19.mat)");
        }

        var byName = new Dictionary<string, IReadOnlyDictionary<string, MatArray>>();
        foreach (var layer in cell.Cells.OfType<MatStruct>().Where(s => s.Elements.Count == 1))
        {
            if (layer.Elements[0].TryGetValue("name", out var name) && name is MatChar text)
            {
                byName[text.Text] = layer.Elements[0];
            }
        }

        return new MatConvNetLayers(path, byName);
    }

    /// <summary>The kernel (MATLAB column-major) and bias of <paramref name="layer"/>, checked against <paramref name="kernelShape"/>.</summary>
    public (float[] Kernel, float[] Bias) Weights(string layer, int[] kernelShape)
    {
        var expected = $"kernel {WeightShape.Format(kernelShape)} and bias ({kernelShape[^1]},) of single";
        if (!byName.TryGetValue(layer, out var fields) || !fields.TryGetValue("weights", out var weights)
            || weights is not MatCell { Cells.Count: 2 } pair || pair.Cells[0] is not MatNumeric kernel || pair.Cells[1] is not MatNumeric bias)
        {
            throw new InvalidDataException($"{path}: layer '{layer}' not found or has no weights {{kernel, bias}} (expected {expected})");
        }

        if (!kernel.Dimensions.SequenceEqual(kernelShape) || bias.Count != kernelShape[^1])
        {
            throw new InvalidDataException(
                $"{path}: layer '{layer}' has kernel {WeightShape.Format(kernel.Dimensions)} and bias {WeightShape.Format(bias.Dimensions)}, expected {expected}");
        }

        if (kernel.Singles is null || bias.Singles is null)
        {
            throw new InvalidDataException($"{path}: layer '{layer}' has {kernel.ClassName} weights, expected {expected}");
        }

        return (kernel.Singles, bias.Singles);
    }
}
