using Platform.Workers.Data;
using Platform.Workers.Plots;
using SkiaSharp;

namespace Platform.Workers.Assignments.C4W3YoloCarDetection;

/// <summary>One printed detection of draw_boxes: class, score and the pixel box.</summary>
public sealed record Detection(string Class, double Score, int Left, int Top, int Right, int Bottom);

/// <summary>draw_boxes: the detections as pixel boxes and as an annotated PNG (a coloured frame and label per box).</summary>
public static class DetectionDrawing
{
    public static IReadOnlyList<Detection> ToDetections(IEnumerable<ScoredBox> boxes, IReadOnlyList<string> classes, int imageWidth, int imageHeight) =>
        boxes.Select(b =>
        {
            var (left, top, right, bottom) = YoloBoxes.PixelBox(b.Box, imageWidth, imageHeight);
            return new Detection(classes[b.ClassIndex], b.Score, left, top, right, bottom);
        }).ToArray();

    public static byte[] AnnotatedPng(RgbImage image, IReadOnlyList<Detection> detections, IReadOnlyList<string> classes)
    {
        using var bitmap = image.ToBitmap();
        using (var canvas = new SKCanvas(bitmap))
        using (var font = new SKFont(SystemTypeface.Value, Math.Max(12, image.Height / 40f)))
        {
            foreach (var d in detections)
            {
                // A colour per class, spread over the hue circle as the notebook's generate_colors does.
                var colour = SKColor.FromHsv(360f * Math.Max(0, IndexOf(classes, d.Class)) / Math.Max(1, classes.Count), 100, 100);
                using var frame = new SKPaint { Color = colour, Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(2, image.Width / 300f) };
                using var fill = new SKPaint { Color = colour, Style = SKPaintStyle.Fill };
                using var text = new SKPaint { Color = SKColors.Black };
                canvas.DrawRect(SKRect.Create(d.Left, d.Top, d.Right - d.Left, d.Bottom - d.Top), frame);
                if (font.MeasureText("A") == 0)
                {
                    continue; // no font on this host: frames only (detections.json has the labels)
                }

                var label = $"{d.Class} {d.Score:0.00}";
                var labelTop = d.Top - font.Size - 4 >= 0 ? d.Top - font.Size - 4 : d.Top;
                canvas.DrawRect(SKRect.Create(d.Left, labelTop, font.MeasureText(label) + 6, font.Size + 4), fill);
                canvas.DrawText(label, d.Left + 3, labelTop + font.Size, SKTextAlign.Left, font, text);
            }
        }

        return RgbImage.EncodePng(bitmap);
    }

    private static int IndexOf(IReadOnlyList<string> classes, string name)
    {
        for (var i = 0; i < classes.Count; i++)
        {
            if (classes[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
