using SkiaSharp;

namespace Platform.Workers.Data;

/// <summary>
/// Labelled images from JPEG folders whose file names start with the label digit (<c>&lt;label&gt;_IMG_xxxx.jpg</c>), the
/// CS230 SIGNS stand-in for the missing train_signs.h5 (spec §0.7). Decoded with SkiaSharp to RGB bytes, NHWC like the
/// course's .h5 files; images are taken in ordinal order of their file names across all folders.
/// </summary>
public sealed class JpegImageFolders
{
    private JpegImageFolders(IReadOnlyList<string> fileNames, int height, int width, byte[] pixels, long[] labels)
    {
        FileNames = fileNames;
        Height = height;
        Width = width;
        Pixels = pixels;
        Labels = labels;
    }

    public IReadOnlyList<string> FileNames { get; }

    public int Count => FileNames.Count;

    public int Height { get; }

    public int Width { get; }

    public int FeaturesPerImage => Height * Width * 3;

    /// <summary>Image i's RGB bytes at [i·H·W·3 + (h·W + w)·3 + c].</summary>
    public byte[] Pixels { get; }

    public long[] Labels { get; }

    /// <summary>Reads every *.jpg under the given folders; each must be <paramref name="height"/>×<paramref name="width"/>.</summary>
    public static JpegImageFolders Read(IEnumerable<string> folders, int height, int width)
    {
        var files = folders
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.jpg"))
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ThenBy(path => path, StringComparer.Ordinal)
            .ToArray();
        var features = height * width * 3;
        var pixels = new byte[files.Length * features];
        var labels = new long[files.Length];
        for (var i = 0; i < files.Length; i++)
        {
            labels[i] = LabelOf(files[i]);
            DecodeRgb(files[i], height, width, pixels.AsSpan(i * features, features));
        }

        return new JpegImageFolders(files.Select(Path.GetFileName).ToArray()!, height, width, pixels, labels);
    }

    private static long LabelOf(string path)
    {
        var name = Path.GetFileName(path);
        return name.Length > 0 && char.IsAsciiDigit(name[0])
            ? name[0] - '0'
            : throw new FormatException($"'{path}': the file name does not start with its label digit");
    }

    private static void DecodeRgb(string path, int height, int width, Span<byte> destination)
    {
        using var codec = SKCodec.Create(path) ?? throw new FormatException($"'{path}' is not a readable image");
        if (codec.Info.Width != width || codec.Info.Height != height)
        {
            throw new FormatException($"'{path}' is {codec.Info.Width}x{codec.Info.Height}, expected {width}x{height}");
        }

        using var bitmap = SKBitmap.Decode(codec, new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul))
            ?? throw new FormatException($"'{path}' could not be decoded");
        var rgba = bitmap.GetPixelSpan();
        for (var p = 0; p < width * height; p++)
        {
            destination[3 * p] = rgba[4 * p];
            destination[3 * p + 1] = rgba[4 * p + 1];
            destination[3 * p + 2] = rgba[4 * p + 2];
        }
    }
}
