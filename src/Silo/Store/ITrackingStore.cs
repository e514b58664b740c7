using Platform.Contracts.Tracking;

namespace Platform.Silo.Store;

/// <summary>
/// The system of record for experiments, runs, params, metrics, tags and sweeps. Two implementations share one contract:
/// an embedded SQLite file (local default) and PostgreSQL (cluster). Both apply their schema migrations in <see cref="MigrateAsync"/>.
/// Errors are <see cref="TrackingStoreException"/> carrying MLflow's error codes.
/// </summary>
public interface ITrackingStore
{
    /// <summary>Brings the schema to the current version. Safe to call on every start and from several processes.</summary>
    Task MigrateAsync(CancellationToken ct = default);

    /// <summary>Creates an active experiment and returns its id (an integer as a string). A taken name is RESOURCE_ALREADY_EXISTS.</summary>
    Task<string> CreateExperimentAsync(string name, IReadOnlyList<ExperimentTag>? tags = null, CancellationToken ct = default);

    Task<Experiment?> GetExperimentAsync(string experimentId, CancellationToken ct = default);

    Task<Experiment?> GetExperimentByNameAsync(string name, CancellationToken ct = default);

    Task<IReadOnlyList<Experiment>> ListExperimentsAsync(CancellationToken ct = default);

    /// <summary>The id of the experiment with this name, creating it when missing (race-free between processes).</summary>
    Task<string> GetOrCreateExperimentAsync(string name, CancellationToken ct = default);

    /// <summary>Creates a run. With an explicit <see cref="NewRun.RunId"/> that already exists, returns the existing run unchanged (idempotent retry).
    /// Without an id, the id is 32 lowercase hex digits; without a name, the name is the id's first 8 characters. An unknown experiment is
    /// RESOURCE_DOES_NOT_EXIST.</summary>
    Task<RunInfo> CreateRunAsync(NewRun run, CancellationToken ct = default);

    Task<Run?> GetRunAsync(string runId, CancellationToken ct = default);

    /// <summary>
    /// Sets the status; a null <paramref name="endTime"/> or <paramref name="runName"/> keeps the stored value (a new name also rewrites the
    /// <c>mlflow.runName</c> tag). An unknown run is RESOURCE_DOES_NOT_EXIST.
    /// </summary>
    Task<RunInfo> UpdateRunAsync(string runId, RunStatus status, long? endTime, string? runName = null, CancellationToken ct = default);

    /// <summary>
    /// Writes metrics, params and tags in one transaction. A metric point identical to a stored one is skipped, so a retried batch
    /// never duplicates; a param already stored with a different value is an INVALID_PARAMETER_VALUE error and nothing is written.
    /// An unknown run is RESOURCE_DOES_NOT_EXIST. Tags are upserted; <see cref="RunData.Metrics"/> then holds, per key, the point with the
    /// greatest (step, timestamp, value).
    /// </summary>
    Task LogBatchAsync(string runId, IReadOnlyList<Metric> metrics, IReadOnlyList<Param> @params, IReadOnlyList<RunTag> tags, CancellationToken ct = default);

    /// <summary>Every point of one metric, ordered by step, then timestamp.</summary>
    Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken ct = default);

    /// <summary>
    /// One page of a metric's history ordered by step, timestamp, value: at most <paramref name="maxResults"/> points from the offset in
    /// <paramref name="pageToken"/> (an opaque token from a previous page). An invalid token is a <see cref="Search.SearchSyntaxException"/>.
    /// </summary>
    Task<MetricPage> GetMetricHistoryPageAsync(string runId, string key, int maxResults, string? pageToken, CancellationToken ct = default);

    /// <summary>Per metric key of the run: min, max (NaN excluded), latest point and point count. Empty for an unknown run.</summary>
    Task<IReadOnlyList<MetricSummary>> GetMetricSummariesAsync(string runId, CancellationToken ct = default);

    /// <summary>
    /// Runs matching MLflow's search semantics: filter grammar, order_by (default start time descending, then run id), view type and
    /// offset page tokens. A filter or order_by that does not parse is a <see cref="Search.SearchSyntaxException"/>.
    /// </summary>
    Task<RunPage> SearchRunsAsync(RunSearchQuery query, CancellationToken ct = default);

    /// <summary>Renames an active experiment. A taken name is RESOURCE_ALREADY_EXISTS; a deleted experiment INVALID_PARAMETER_VALUE.</summary>
    Task RenameExperimentAsync(string experimentId, string newName, CancellationToken ct = default);

    /// <summary>Sets (upserts) a tag of an active experiment.</summary>
    Task SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken ct = default);

    /// <summary>Soft delete as MLflow does it: the experiment and all its runs move to lifecycle stage <c>deleted</c>.</summary>
    Task DeleteExperimentAsync(string experimentId, CancellationToken ct = default);

    /// <summary>Undoes <see cref="DeleteExperimentAsync"/>: the experiment and its deleted runs become <c>active</c> again.</summary>
    Task RestoreExperimentAsync(string experimentId, CancellationToken ct = default);

    /// <summary>Removes the experiment, its tags and its runs with all their data, whatever their stage. Unknown is RESOURCE_DOES_NOT_EXIST.</summary>
    Task PermanentlyDeleteExperimentAsync(string experimentId, CancellationToken ct = default);

    /// <summary>Soft-deletes a run (lifecycle stage <c>deleted</c>); it stays readable but refuses new data.</summary>
    Task DeleteRunAsync(string runId, CancellationToken ct = default);

    Task RestoreRunAsync(string runId, CancellationToken ct = default);

    /// <summary>Removes the run and every metric, param, tag and input of it. Unknown is RESOURCE_DOES_NOT_EXIST.</summary>
    Task PermanentlyDeleteRunAsync(string runId, CancellationToken ct = default);

    /// <summary>
    /// Removes every metric point of a run (history and latest values): a trial that starts over after its worker was lost
    /// logs its steps again, and its history must be one attempt's. Unknown runs have none; nothing else of the run changes.
    /// </summary>
    Task ClearRunMetricsAsync(string runId, CancellationToken ct = default);

    /// <summary>Deletes a tag of an active run; a tag that is not there is RESOURCE_DOES_NOT_EXIST.</summary>
    Task DeleteTagAsync(string runId, string key, CancellationToken ct = default);

    /// <summary>Records dataset inputs of an active run; logging the same (name, digest) again replaces its tags.</summary>
    Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> datasets, CancellationToken ct = default);

    /// <summary>Runs of the given experiments, newest start time first, each with its latest metrics, params and tags. Unknown ids match nothing.</summary>
    Task<IReadOnlyList<Run>> SearchRunsAsync(IReadOnlyList<string> experimentIds, int maxResults = 1000, CancellationToken ct = default);

    /// <summary>Inserts the sweep or replaces every field of the stored one except <see cref="SweepRecord.CreatedAt"/>.</summary>
    Task UpsertSweepAsync(SweepRecord sweep, CancellationToken ct = default);

    Task<SweepRecord?> GetSweepAsync(string sweepId, CancellationToken ct = default);

    Task<IReadOnlyList<SweepRecord>> ListSweepsAsync(CancellationToken ct = default);

    /// <summary>Inserts the trial or replaces its state, retries and spec.</summary>
    Task UpsertTrialAsync(TrialRecord trial, CancellationToken ct = default);

    Task<TrialRecord?> GetTrialAsync(string runId, CancellationToken ct = default);

    /// <summary>The trials of one sweep, by index.</summary>
    Task<IReadOnlyList<TrialRecord>> ListSweepTrialsAsync(string sweepId, CancellationToken ct = default);

    /// <summary>Every trial whose state is not one of <paramref name="terminalStates"/> (what a restarted platform picks up again).</summary>
    Task<IReadOnlyList<TrialRecord>> ListUnfinishedTrialsAsync(IReadOnlyList<string> terminalStates, CancellationToken ct = default);
}

/// <summary>A run to create. Times are Unix milliseconds.</summary>
public sealed record NewRun(string ExperimentId, string? RunId, string? RunName, long StartTime, RunStatus Status, IReadOnlyList<RunTag> Tags, string? UserId = null);

/// <summary>A runs/search request: <see cref="Filter"/> and <see cref="OrderBy"/> in MLflow's grammar, <see cref="PageToken"/> from a previous page.</summary>
public sealed record RunSearchQuery(
    IReadOnlyList<string> ExperimentIds,
    string? Filter = null,
    ViewType ViewType = ViewType.ACTIVE_ONLY,
    int MaxResults = 1000,
    IReadOnlyList<string>? OrderBy = null,
    string? PageToken = null);

/// <summary>
/// A sweep as stored: its spec, its trials' run ids (by suggestion index), its state (RUNNING, PAUSED, FINISHED, CANCELLED),
/// and what its search algorithm needs to continue after a restart: the method, the seed and how many suggestions it issued.
/// </summary>
public sealed record SweepRecord(
    string SweepId,
    string ExperimentId,
    string Assignment,
    string SpecYaml,
    string State,
    IReadOnlyList<string> RunIds,
    long CreatedAt,
    string Method = "grid",
    long Seed = 0,
    long Issued = 0);

/// <summary>
/// One trial's lifecycle as stored: its state (a <c>TrialState</c> name), lost leases and retryable failures so far, and its
/// <c>TrialSpec</c> as JSON so that it can be queued again after a restart. <see cref="SweepId"/> is null for a single run.
/// </summary>
public sealed record TrialRecord(string RunId, string? SweepId, long Index, string State, long Retries, string SpecJson, long UpdatedAt);
