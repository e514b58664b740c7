namespace Platform.Workers.Assignments.C4W3YoloCarDetection;

/// <summary>A box by its corners in the notebook's order [y1, x1, y2, x2] (top, left, bottom, right).</summary>
public readonly record struct Corners(double Y1, double X1, double Y2, double X2);

/// <summary>A box that passed the score filter: its score (confidence × class probability) and class index.</summary>
public readonly record struct ScoredBox(double Score, int ClassIndex, Corners Box);

/// <summary>The notebook's box functions (spec §15), on plain arrays in the (grid rows, grid columns, anchors) row-major order.</summary>
public static class YoloBoxes
{
    /// <summary>yolo_boxes_to_corners: centres (x, y) and sizes (w, h) as pairs, to [y - h/2, x - w/2, y + h/2, x + w/2].</summary>
    public static Corners[] ToCorners(ReadOnlySpan<double> xy, ReadOnlySpan<double> wh)
    {
        if (xy.Length != wh.Length || xy.Length % 2 != 0)
        {
            throw new ArgumentException($"box_xy ({xy.Length} values) and box_wh ({wh.Length} values) must hold the same number of pairs");
        }

        var corners = new Corners[xy.Length / 2];
        for (var i = 0; i < corners.Length; i++)
        {
            double x = xy[2 * i], y = xy[2 * i + 1], w = wh[2 * i], h = wh[2 * i + 1];
            corners[i] = new Corners(y - h / 2, x - w / 2, y + h / 2, x + w / 2);
        }

        return corners;
    }

    /// <summary>
    /// yolo_filter_boxes: score = confidence × class probability; each box keeps its best class and stays when that score is
    /// at least <paramref name="threshold"/>. Order is the input order (row-major over rows, columns, anchors).
    /// </summary>
    public static List<ScoredBox> Filter(ReadOnlySpan<double> confidence, IReadOnlyList<Corners> boxes, ReadOnlySpan<double> classProbs, double threshold)
    {
        if (boxes.Count != confidence.Length || classProbs.Length % Math.Max(1, confidence.Length) != 0 || classProbs.Length == 0)
        {
            throw new ArgumentException($"box_confidence ({confidence.Length}), boxes ({boxes.Count}) and box_class_probs ({classProbs.Length} values) do not describe the same boxes");
        }

        var classes = classProbs.Length / confidence.Length;
        var kept = new List<ScoredBox>();
        for (var i = 0; i < confidence.Length; i++)
        {
            var probs = classProbs.Slice(i * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (confidence[i] * probs[c] > confidence[i] * probs[best])
                {
                    best = c; // argmax: the first of equal scores wins, as numpy/TF do
                }
            }

            var score = confidence[i] * probs[best];
            if (score >= threshold)
            {
                kept.Add(new ScoredBox(score, best, boxes[i]));
            }
        }

        return kept;
    }

    /// <summary>iou with corners (x1, y1, x2, y2); the intersection is clamped at 0 (the 2017 notebook did not clamp).</summary>
    public static double Iou((double X1, double Y1, double X2, double Y2) box1, (double X1, double Y1, double X2, double Y2) box2)
    {
        var interWidth = Math.Max(0, Math.Min(box1.X2, box2.X2) - Math.Max(box1.X1, box2.X1));
        var interHeight = Math.Max(0, Math.Min(box1.Y2, box2.Y2) - Math.Max(box1.Y1, box2.Y1));
        var inter = interWidth * interHeight;
        var area1 = (box1.X2 - box1.X1) * (box1.Y2 - box1.Y1);
        var area2 = (box2.X2 - box2.X1) * (box2.Y2 - box2.Y1);
        var union = area1 + area2 - inter;
        return union > 0 ? inter / union : 0; // two empty boxes overlap nowhere
    }

    public static double Iou(Corners a, Corners b) => Iou((a.X1, a.Y1, a.X2, a.Y2), (b.X1, b.Y1, b.X2, b.Y2));

    /// <summary>
    /// yolo_non_max_suppression (tf.image.non_max_suppression): greedy and class-agnostic. By descending score (the earlier
    /// box first among equal scores), a box is dropped when its IoU with a kept box exceeds <paramref name="iouThreshold"/>.
    /// </summary>
    public static List<ScoredBox> NonMaxSuppression(IReadOnlyList<ScoredBox> boxes, int maxBoxes, double iouThreshold)
    {
        var order = Enumerable.Range(0, boxes.Count).OrderByDescending(i => boxes[i].Score).ThenBy(i => i);
        var kept = new List<ScoredBox>();
        foreach (var i in order)
        {
            if (kept.Count == maxBoxes)
            {
                break;
            }

            if (kept.All(k => Iou(k.Box, boxes[i].Box) <= iouThreshold))
            {
                kept.Add(boxes[i]);
            }
        }

        return kept;
    }

    /// <summary>scale_boxes: corners relative to the image (0..1) times [h, w, h, w] of the original image.</summary>
    public static List<ScoredBox> Scale(IEnumerable<ScoredBox> boxes, double imageHeight, double imageWidth) =>
        boxes.Select(b => b with
        {
            Box = new Corners(b.Box.Y1 * imageHeight, b.Box.X1 * imageWidth, b.Box.Y2 * imageHeight, b.Box.X2 * imageWidth),
        }).ToList();

    /// <summary>yolo_eval: corners, then the score filter, then scaling to the image, then non-max suppression.</summary>
    public static List<ScoredBox> Eval(
        YoloHeadOutput outputs, double imageHeight, double imageWidth, int maxBoxes = 10, double scoreThreshold = 0.6, double iouThreshold = 0.5)
    {
        var corners = ToCorners(outputs.BoxXy, outputs.BoxWh);
        var filtered = Filter(outputs.BoxConfidence, corners, outputs.BoxClassProbs, scoreThreshold);
        return NonMaxSuppression(Scale(filtered, imageHeight, imageWidth), maxBoxes, iouThreshold);
    }

    /// <summary>The printed pixel box of draw_boxes: ⌊v + 0.5⌋, clamped to the image.</summary>
    public static (int Left, int Top, int Right, int Bottom) PixelBox(Corners box, int imageWidth, int imageHeight) =>
        (Math.Max(0, Round(box.X1)), Math.Max(0, Round(box.Y1)), Math.Min(imageWidth, Round(box.X2)), Math.Min(imageHeight, Round(box.Y2)));

    private static int Round(double v) => (int)Math.Floor(v + 0.5);
}
