using Platform.Contracts.Validation;

namespace Platform.Dashboard.Submit;

/// <summary>Where the editor shows each error: at its YAML line (1-based), or on the first line when the server gave none or one past the text.</summary>
public static class ErrorLines
{
    public static IReadOnlyDictionary<int, ValidationError[]> Place(IReadOnlyList<ValidationError> errors, int lineCount) =>
        errors.GroupBy(e => e.Line is { } line && line >= 1 && line <= lineCount ? line : 1)
            .ToDictionary(g => g.Key, g => g.ToArray());
}
