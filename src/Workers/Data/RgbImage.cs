using SkiaSharp;

namespace Platform.Workers.Data;

/// <summary>An 8-bit RGB image, row-major (h, w, 3) like a PIL/numpy array; decoded, resized and encoded with SkiaSharp.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        if (pixels.Length != width * height * 3)
        {
            throw new ArgumentException($"{width}x{height} RGB needs {width * height * 3} bytes, got {pixels.Length}", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>(h, w, 3) row-major.</summary>
    public byte[] Pixels { get; }

    public static RgbImage Decode(string path)
    {
        using var bitmap = SKBitmap.Decode(path) ?? throw new FormatException($"'{path}' is not a readable image");
        return FromBitmap(bitmap);
    }

    /// <summary>Bicubic (Catmull-Rom, the a = -0.5 kernel of PIL's BICUBIC) resize to <paramref name="width"/>x<paramref name="height"/>.</summary>
    public RgbImage Resize(int width, int height)
    {
        if (width == Width && height == Height)
        {
            return this;
        }

        using var source = ToBitmap();
        using var resized = source.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul),
            new SKSamplingOptions(SKCubicResampler.CatmullRom)) ?? throw new InvalidOperationException($"could not resize to {width}x{height}");
        return FromBitmap(resized);
    }

    /// <summary>A new RGBA bitmap of this image (for drawing on); dispose it.</summary>
    public SKBitmap ToBitmap()
    {
        var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var rgba = bitmap.GetPixelSpan();
        for (var p = 0; p < Width * Height; p++)
        {
            rgba[4 * p] = Pixels[3 * p];
            rgba[4 * p + 1] = Pixels[3 * p + 1];
            rgba[4 * p + 2] = Pixels[3 * p + 2];
            rgba[4 * p + 3] = 255;
        }

        return bitmap;
    }

    public byte[] EncodePng()
    {
        using var bitmap = ToBitmap();
        return EncodePng(bitmap);
    }

    public static byte[] EncodePng(SKBitmap bitmap)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("PNG encoding failed");
        return data.ToArray();
    }

    private static RgbImage FromBitmap(SKBitmap bitmap)
    {
        using var rgbaBitmap = bitmap.ColorType == SKColorType.Rgba8888 && bitmap.AlphaType != SKAlphaType.Premul
            ? null
            : bitmap.Copy(SKColorType.Rgba8888);
        var source = rgbaBitmap ?? bitmap;
        var rgba = source.GetPixelSpan();
        var pixels = new byte[source.Width * source.Height * 3];
        for (var p = 0; p < source.Width * source.Height; p++)
        {
            pixels[3 * p] = rgba[4 * p];
            pixels[3 * p + 1] = rgba[4 * p + 1];
            pixels[3 * p + 2] = rgba[4 * p + 2];
        }

        return new RgbImage(source.Width, source.Height, pixels);
    }
}
