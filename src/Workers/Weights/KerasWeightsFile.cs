using PureHDF;
using PureHDF.VOL.Native;

namespace Platform.Workers.Weights;

/// <summary>
/// The weights of a Keras HDF5 file, as <c>model.save</c> (under <c>model_weights</c>) or <c>save_weights</c> (at the root)
/// write them: a group per layer holding a group of the same name with datasets such as <c>kernel:0</c>. Reads check each
/// array's shape and fail naming the layer, the weight and the expected shape.
/// </summary>
public sealed class KerasWeightsFile : IDisposable
{
    private readonly NativeFile file;
    private readonly IH5Group root;

    private KerasWeightsFile(string path, NativeFile file)
    {
        Path = path;
        this.file = file;
        root = file.LinkExists("model_weights") ? file.Group("model_weights") : file;
    }

    public string Path { get; }

    public static KerasWeightsFile Open(string path)
    {
        NativeFile file;
        try
        {
            file = H5File.OpenRead(path);
        }
        catch (Exception e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new InvalidDataException($"{path}: not a Keras HDF5 weights file ({e.Message})", e);
        }

        return new KerasWeightsFile(path, file);
    }

    /// <summary>The float32 values of <c>layer/layer/weight</c> in file (row-major) order; the stored shape must be <paramref name="expectedShape"/>.</summary>
    public float[] Read(string layer, string weight, IReadOnlyList<int> expectedShape)
    {
        var expected = WeightShape.Format(expectedShape);
        if (!root.LinkExists(layer) || !root.Group(layer).LinkExists(layer) || !root.Group(layer).Group(layer).LinkExists(weight))
        {
            throw new InvalidDataException($"{Path}: layer '{layer}' has no weight '{weight}' (expected shape {expected})");
        }

        var dataset = root.Group(layer).Group(layer).Dataset(weight);
        var shape = dataset.Space.Dimensions.Select(d => (int)d).ToArray();
        if (!shape.SequenceEqual(expectedShape))
        {
            throw new InvalidDataException($"{Path}: layer '{layer}' weight '{weight}' has shape {WeightShape.Format(shape)}, expected {expected}");
        }

        if (dataset.Type.Class != H5DataTypeClass.FloatingPoint || dataset.Type.Size != 4)
        {
            throw new InvalidDataException($"{Path}: layer '{layer}' weight '{weight}' is not float32 (expected shape {expected} of float32)");
        }

        return dataset.Read<float[]>();
    }

    public void Dispose() => file.Dispose();
}
