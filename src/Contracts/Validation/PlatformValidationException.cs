namespace Platform.Contracts.Validation;

/// <summary>Input was rejected before anything was stored or started. The message lists every problem, one per line.</summary>
public sealed class PlatformValidationException(IReadOnlyList<ValidationError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    public PlatformValidationException(string path, string message) : this([new ValidationError(path, message)])
    {
    }
}
