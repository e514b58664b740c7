namespace Platform.Contracts.Sweeps;

/// <summary>
/// What a search algorithm learns from one ended trial: the suggestion it came from (index and canonical params) and the
/// value of the sweep's metric. Trials without a finite value (failed, no metric logged) are simply not observed.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.TrialObservation")]
public sealed record TrialObservation(
    [property: Id(0)] int Index,
    [property: Id(1)] IReadOnlyDictionary<string, string> Params,
    [property: Id(2)] double Value);
