using PureHDF;

namespace Platform.Workers.Data;

/// <summary>
/// One image set from the course's .h5 files: uint8 pixels in NHWC order (m, height, width, channels), int64 labels (m,)
/// and, when present, the class names from <c>list_classes</c>.
/// </summary>
public sealed class Hdf5ImageDataset
{
    private Hdf5ImageDataset(int[] imageDimensions, byte[] pixels, long[] labels, IReadOnlyList<string> classes)
    {
        ImageDimensions = imageDimensions;
        Pixels = pixels;
        Labels = labels;
        Classes = classes;
    }

    /// <summary>[m, height, width, channels], as stored.</summary>
    public IReadOnlyList<int> ImageDimensions { get; }

    public int Count => ImageDimensions[0];

    /// <summary>Values per image (height·width·channels, 12288 for 64x64 RGB).</summary>
    public int FeaturesPerImage => ImageDimensions[1] * ImageDimensions[2] * ImageDimensions[3];

    /// <summary>The raw pixels in file order (NHWC, row-major).</summary>
    public byte[] Pixels { get; }

    public long[] Labels { get; }

    public IReadOnlyList<string> Classes { get; }

    /// <summary>Reads <paramref name="imagesName"/> (uint8, 4-D) and <paramref name="labelsName"/> (integers, 1-D) from an .h5 file.</summary>
    public static Hdf5ImageDataset Read(string path, string imagesName, string labelsName, string classesName = "list_classes")
    {
        using var file = H5File.OpenRead(path);
        var images = file.Dataset(imagesName);
        var dimensions = images.Space.Dimensions.Select(d => checked((int)d)).ToArray();
        if (dimensions.Length != 4 || images.Type.Size != 1)
        {
            throw new InvalidDataException(
                $"{path}: '{imagesName}' should be a 4-D uint8 array (m, h, w, c), found dims [{string.Join(",", dimensions)}] of {images.Type.Size}-byte elements");
        }

        var pixels = images.Read<byte[]>();
        var labels = file.Dataset(labelsName).Read<long[]>();
        if (labels.Length != dimensions[0])
        {
            throw new InvalidDataException($"{path}: {labels.Length} labels for {dimensions[0]} images");
        }

        IReadOnlyList<string> classes = file.LinkExists(classesName) && file.Dataset(classesName).Type.Class == H5DataTypeClass.String
            ? file.Dataset(classesName).Read<string[]>()
            : [];
        return new Hdf5ImageDataset(dimensions, pixels, labels, classes);
    }

    /// <summary>
    /// The images as the columns of a row-major (features, m) float64 matrix, divided by 255 (spec §0.2): element
    /// [f, i] = pixel f of image i, with f = (h·W + w)·C + c. Division is done here in float64 so it is exact like numpy's.
    /// </summary>
    public double[] FlattenToColumns()
    {
        var m = Count;
        var features = FeaturesPerImage;
        var result = new double[features * m];
        for (var i = 0; i < m; i++)
        {
            var image = Pixels.AsSpan(i * features, features);
            for (var f = 0; f < features; f++)
            {
                result[f * m + i] = image[f] / 255.0;
            }
        }

        return result;
    }

    /// <summary>
    /// The same values as <see cref="FlattenToColumns"/> stored image by image: a row-major (m, features) matrix, i.e. the
    /// column-major layout of X. Tensor code takes its transpose as a view; the products with X then stream through memory
    /// in order, about twice as fast as with a row-major X.
    /// </summary>
    public double[] ScaledImageRows()
    {
        var result = new double[Pixels.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Pixels[i] / 255.0;
        }

        return result;
    }

    /// <summary>The labels as doubles (a (1, m) row).</summary>
    public double[] LabelRow() => Labels.Select(l => (double)l).ToArray();
}
