using Platform.Contracts.Api;
using Platform.Contracts.Sweeps;
using Platform.Contracts.Tracking;

namespace Platform.Contracts.Grains;

/// <summary>
/// A validated sweep file, ready to start. The sweep grain re-plans <see cref="Yaml"/> and runs the search itself, so
/// <see cref="Trials"/> (the expanded grid) is informational and may be empty.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.SweepDefinition")]
public sealed record SweepDefinition(
    [property: Id(0)] string Assignment,
    [property: Id(1)] string ExperimentName,
    [property: Id(2)] string Yaml,
    [property: Id(3)] IReadOnlyList<IReadOnlyDictionary<string, string>> Trials);

/// <summary>
/// One sweep, keyed by its id: persists it, asks its search algorithm for trials up to its parallelism, one more each time a trial
/// ends, decides early stopping, and ends FINISHED once nothing more will be suggested and every trial ended.
/// </summary>
[Alias("Platform.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    [Alias("Submit")]
    Task<SubmissionResult> Submit(SweepDefinition definition);

    [Alias("TrialCompleted")]
    Task TrialCompleted(string runId, RunStatus status);

    /// <summary>Feeds the reports to the early stopping rule: null to continue, else why the trial should stop (the trial prunes itself).</summary>
    [Alias("ReportMetrics")]
    Task<string?> ReportMetrics(string runId, TrialMetricReport[] reports);

    /// <summary>Cancels the sweep and every trial that has not ended. Null when done, else why not (the sweep already ended).</summary>
    [Alias("Cancel")]
    Task<string?> Cancel();

    /// <summary>No new trials are suggested or leased; running trials run on. Null when done, else why not.</summary>
    [Alias("Pause")]
    Task<string?> Pause();

    [Alias("Resume")]
    Task<string?> Resume();

    /// <summary>After a restart: a running sweep tops its trials up again.</summary>
    [Alias("Recover")]
    Task Recover();
}
