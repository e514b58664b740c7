namespace Platform.Contracts.Catalog;

/// <summary>
/// One hyperparameter of an assignment, named as in the notebook. <see cref="Default"/> is the canonical string form.
/// Bounds apply to the value of numbers and to every element of lists; <see cref="MustStartWith"/> fixes a list's first element.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.HyperparameterDescriptor")]
public sealed record HyperparameterDescriptor(
    [property: Id(0)] string Name,
    [property: Id(1)] HyperparameterType Type,
    [property: Id(2)] string Default,
    [property: Id(3)] string Description,
    [property: Id(4)] double? Min = null,
    [property: Id(5)] double? Max = null,
    [property: Id(6)] bool MinExclusive = false,
    [property: Id(7)] bool MaxExclusive = false,
    [property: Id(8)] IReadOnlyList<string>? Choices = null,
    [property: Id(9)] ListStart? MustStartWith = null)
{
    /// <summary>The range in interval notation, e.g. "(0, 1]", or null when unbounded.</summary>
    public string? RangeText => Min is null && Max is null
        ? null
        : $"{(MinExclusive ? "(" : "[")}{Min?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-inf"}, "
          + $"{Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "inf"}{(MaxExclusive ? ")" : "]")}";
}
