using System.Globalization;

namespace Platform.Workers.Assignments.C4W3YoloCarDetection;

/// <summary>read_classes and read_anchors: one class name a line; the anchors as comma-separated (width, height) pairs in grid units.</summary>
public static class YoloModelFiles
{
    public const string ClassesFile = "yolo_car_detection/coco_classes.txt";
    public const string AnchorsFile = "yolo_car_detection/yolo_anchors.txt";

    public static IReadOnlyList<string> ReadClasses(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    public static IReadOnlyList<(double Width, double Height)> ReadAnchors(string path)
    {
        var values = File.ReadAllText(path).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? d
                : throw new FormatException($"{path}: '{v}' is not a number"))
            .ToArray();
        if (values.Length == 0 || values.Length % 2 != 0)
        {
            throw new FormatException($"{path}: expected (width, height) pairs, found {values.Length} numbers");
        }

        return Enumerable.Range(0, values.Length / 2).Select(i => (values[2 * i], values[2 * i + 1])).ToArray();
    }
}
