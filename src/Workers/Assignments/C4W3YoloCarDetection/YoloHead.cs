namespace Platform.Workers.Assignments.C4W3YoloCarDetection;

/// <summary>yolo_head's four outputs for one image, flattened row-major over (grid rows, grid columns, anchors[, values]).</summary>
public sealed record YoloHeadOutput(double[] BoxConfidence, double[] BoxXy, double[] BoxWh, double[] BoxClassProbs);

/// <summary>
/// yolo_head (spec §15): turns the network's raw (rows, columns, anchors, 5 + classes) features into boxes. Centres are
/// (σ(t_xy) + cell index) / grid size with x the column, sizes e^(t_wh)·anchor / grid size, confidence σ(t_o), class
/// probabilities a softmax over the class logits.
/// </summary>
public static class YoloHead
{
    public static YoloHeadOutput Decode(ReadOnlySpan<float> features, int gridRows, int gridColumns, IReadOnlyList<(double Width, double Height)> anchors, int classes)
    {
        var values = 5 + classes;
        var boxes = gridRows * gridColumns * anchors.Count;
        if (features.Length != boxes * values)
        {
            throw new ArgumentException(
                $"yolo_outputs: expected {gridRows}x{gridColumns}x{anchors.Count}x{values} = {boxes * values} values, got {features.Length}");
        }

        var confidence = new double[boxes];
        var xy = new double[2 * boxes];
        var wh = new double[2 * boxes];
        var probs = new double[boxes * classes];
        for (var row = 0; row < gridRows; row++)
        {
            for (var column = 0; column < gridColumns; column++)
            {
                for (var a = 0; a < anchors.Count; a++)
                {
                    var box = (row * gridColumns + column) * anchors.Count + a;
                    var f = features.Slice(box * values, values);
                    xy[2 * box] = (Sigmoid(f[0]) + column) / gridColumns;
                    xy[2 * box + 1] = (Sigmoid(f[1]) + row) / gridRows;
                    wh[2 * box] = Math.Exp(f[2]) * anchors[a].Width / gridColumns;
                    wh[2 * box + 1] = Math.Exp(f[3]) * anchors[a].Height / gridRows;
                    confidence[box] = Sigmoid(f[4]);
                    Softmax(f.Slice(5), probs.AsSpan(box * classes, classes));
                }
            }
        }

        return new YoloHeadOutput(confidence, xy, wh, probs);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static void Softmax(ReadOnlySpan<float> logits, Span<double> result)
    {
        double max = double.NegativeInfinity, sum = 0;
        foreach (var l in logits)
        {
            max = Math.Max(max, l);
        }

        for (var i = 0; i < logits.Length; i++)
        {
            result[i] = Math.Exp(logits[i] - max);
            sum += result[i];
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] /= sum;
        }
    }
}
