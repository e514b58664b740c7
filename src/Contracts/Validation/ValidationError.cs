namespace Platform.Contracts.Validation;

/// <summary>One problem with user input: where (a field path such as <c>parameters.learning_rate.min</c>, and a YAML line when known) and what.</summary>
[GenerateSerializer, Immutable, Alias("Platform.ValidationError")]
public sealed record ValidationError(
    [property: Id(0)] string Path,
    [property: Id(1)] string Message,
    [property: Id(2)] int? Line = null)
{
    public override string ToString() => Line is { } line ? $"line {line}: {Path}: {Message}" : $"{Path}: {Message}";
}
