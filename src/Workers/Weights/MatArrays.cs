namespace Platform.Workers.Weights;

/// <summary>One MATLAB array from a .mat file: its name (empty inside cells and structs) and dimensions.</summary>
public abstract record MatArray(string Name, int[] Dimensions)
{
    public int Count => Dimensions.Aggregate(1, (a, b) => a * b);
}

/// <summary>
/// A numeric array, its values in MATLAB's column-major order: single-precision arrays as <see cref="Singles"/>, every other
/// numeric class as <see cref="Doubles"/>. Both are null when the reader was told to skip arrays this large.
/// </summary>
public sealed record MatNumeric(string Name, int[] Dimensions, string ClassName, float[]? Singles, double[]? Doubles) : MatArray(Name, Dimensions)
{
    public bool Skipped => Singles is null && Doubles is null;
}

public sealed record MatChar(string Name, int[] Dimensions, string Text) : MatArray(Name, Dimensions);

/// <summary>A cell array, its cells in column-major order.</summary>
public sealed record MatCell(string Name, int[] Dimensions, IReadOnlyList<MatArray> Cells) : MatArray(Name, Dimensions);

/// <summary>A struct array: per element (column-major), its fields by name.</summary>
public sealed record MatStruct(string Name, int[] Dimensions, IReadOnlyList<string> FieldNames, IReadOnlyList<IReadOnlyDictionary<string, MatArray>> Elements)
    : MatArray(Name, Dimensions);
