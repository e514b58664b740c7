namespace Platform.Contracts.Sweeps;

/// <summary>
/// A trial proposed by a sweep's search algorithm: its position in the sweep (0, 1, 2, ...) and a complete canonical
/// hyperparameter set (the same form as <see cref="GridExpander"/>'s output), ready to become a <c>TrialSpec</c> unchanged.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.TrialSuggestion")]
public sealed record TrialSuggestion(
    [property: Id(0)] int Index,
    [property: Id(1)] IReadOnlyDictionary<string, string> Params);
