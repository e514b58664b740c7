using SkiaSharp;

namespace Platform.Workers.Plots;

/// <summary>The typeface for text in drawn images (chart labels, detection labels).</summary>
public static class SystemTypeface
{
    /// <summary>
    /// SkiaSharp's dependency-free Linux build has no font manager, so its default typeface has no glyphs: fall back to a
    /// font file of the system's usual fonts (DejaVu Sans, else Liberation Sans, which Debian's chromium brings, else any).
    /// Without one, text is not drawn.
    /// </summary>
    public static SKTypeface Value => Typeface.Value;

    private static readonly Lazy<SKTypeface> Typeface = new(() =>
    {
        using (var probe = new SKFont(SKTypeface.Default))
        {
            if (probe.MeasureText("A") > 0)
            {
                return SKTypeface.Default;
            }
        }

        const string fonts = "/usr/share/fonts";
        var file = Directory.Exists(fonts)
            ? Directory.EnumerateFiles(fonts, "*.ttf", SearchOption.AllDirectories)
                .OrderBy(f => Path.GetFileName(f) switch { "DejaVuSans.ttf" => 0, "LiberationSans-Regular.ttf" => 1, _ => 2 })
                .ThenBy(f => f, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return (file is null ? null : SKTypeface.FromFile(file)) ?? SKTypeface.Default;
    });
}
