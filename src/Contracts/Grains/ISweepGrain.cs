using Platform.Contracts.Api;
using Platform.Contracts.Tracking;

namespace Platform.Contracts.Grains;

/// <summary>A validated sweep, ready to start: the grid (or other search) has been expanded into trials.</summary>
[GenerateSerializer, Immutable, Alias("Platform.SweepDefinition")]
public sealed record SweepDefinition(
    [property: Id(0)] string Assignment,
    [property: Id(1)] string ExperimentName,
    [property: Id(2)] string Yaml,
    [property: Id(3)] IReadOnlyList<IReadOnlyDictionary<string, string>> Trials);

/// <summary>One sweep, keyed by its id: persists it, starts its trials, and follows them to the end.</summary>
[Alias("Platform.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    [Alias("Submit")]
    Task<SubmissionResult> Submit(SweepDefinition definition);

    [Alias("TrialCompleted")]
    Task TrialCompleted(string runId, RunStatus status);
}
