namespace Platform.Contracts.Sweeps;

/// <summary>
/// An intermediate value of the sweep's metric that a running trial reports at a training step (iteration or epoch);
/// early stopping rules decide from these.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.TrialMetricReport")]
public sealed record TrialMetricReport(
    [property: Id(0)] string TrialId,
    [property: Id(1)] long Step,
    [property: Id(2)] double Value);
