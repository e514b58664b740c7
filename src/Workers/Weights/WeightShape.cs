namespace Platform.Workers.Weights;

/// <summary>Shapes written the way the frameworks print them, "(3, 3, 64, 128)", so errors read like the notebook.</summary>
public static class WeightShape
{
    public static string Format(IReadOnlyList<int> shape) =>
        shape.Count == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
}
