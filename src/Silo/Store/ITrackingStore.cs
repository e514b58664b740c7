using Platform.Contracts.Tracking;

namespace Platform.Silo.Store;

/// <summary>
/// The system of record for experiments, runs, params, metrics, tags and sweeps. Two implementations share one contract:
/// an embedded SQLite file (local default) and PostgreSQL (cluster). Both apply their schema migrations in <see cref="MigrateAsync"/>.
/// Errors are <see cref="TrackingStoreException"/> carrying MLflow's error codes.
/// </summary>
public interface ITrackingStore
{
    /// <summary>
    /// Brings the schema to the current version and creates MLflow's "Default" experiment (id 0) when the store has no experiment.
    /// Safe to call on every start and from several processes.
    /// </summary>
    Task MigrateAsync(CancellationToken ct = default);

    /// <summary>
    /// Creates an active experiment and returns its id (an integer as a string; MLflow's "Default" experiment holds 0, which
    /// <see cref="MigrateAsync"/> creates in an empty store). A taken name is RESOURCE_ALREADY_EXISTS. Without
    /// <paramref name="artifactLocation"/> the location is <c>{artifact root}/{id}</c>; with one, it must be a folder this server's
    /// artifact store serves (see <see cref="ArtifactLocations"/>), else INVALID_PARAMETER_VALUE.
    /// </summary>
    Task<string> CreateExperimentAsync(string name, IReadOnlyList<ExperimentTag>? tags = null, string? artifactLocation = null, CancellationToken ct = default);

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

    /// <summary>
    /// Deletes the run's metric points with a step greater than <paramref name="afterStep"/> (every point when null) and
    /// recomputes its latest values from what remains; returns how many points went. A trial that starts again uses it to
    /// drop what its previous attempt logged after its last checkpoint, so the new attempt logs those steps exactly once.
    /// </summary>
    Task<int> DeleteMetricsAfterStepAsync(string runId, long? afterStep, CancellationToken ct = default);

    /// <summary>Every point of one metric, ordered by step, then timestamp.</summary>
    Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken ct = default);

    /// <summary>
    /// One page of a metric's history ordered by step, timestamp, value: at most <paramref name="maxResults"/> points from the offset in
    /// <paramref name="pageToken"/> (an opaque token from a previous page). An invalid token is a <see cref="Search.SearchSyntaxException"/>.
    /// </summary>
    Task<MetricPage> GetMetricHistoryPageAsync(string runId, string key, int maxResults, string? pageToken, CancellationToken ct = default);

    /// <summary>
    /// The metric's history in history order, downsampled by largest-triangle-three-buckets to at most <paramref name="maxPoints"/>,
    /// with the stored point count. Served from a cache while no batch has touched the series since (checked against the database,
    /// so it holds across silos). An unknown run or key gives an empty history.
    /// </summary>
    Task<DownsampledHistory> GetDownsampledMetricHistoryAsync(string runId, string key, int maxPoints, CancellationToken ct = default);

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

    /// <summary>
    /// One trial transition in one transaction, in this order: <see cref="TrialWrite.NewRun"/> created (a run with the trial's id
    /// that exists already is kept, as a retried create), params and tags (as <see cref="LogBatchAsync"/>), the trial row (inserted,
    /// or its state, retries and spec replaced), the
    /// run's status and end time, and a line in the run's log as the platform (skipped for a run that is not active; the log is
    /// for people). A refused part is the error its own call would give, and nothing of the write is kept. Concurrent writes of
    /// other trials and log-batches share the transaction (group commit); the task ends once this write has committed.
    /// </summary>
    Task WriteTrialAsync(TrialWrite write, CancellationToken ct = default);

    Task<TrialRecord?> GetTrialAsync(string runId, CancellationToken ct = default);

    /// <summary>The trials of one sweep, by index.</summary>
    Task<IReadOnlyList<TrialRecord>> ListSweepTrialsAsync(string sweepId, CancellationToken ct = default);

    /// <summary>
    /// Appends lines to the run's log as <paramref name="source"/>, in order, within <see cref="Platform.Contracts.Api.RunLogLimits"/>
    /// (<see cref="RunLogCap"/>); returns how many were stored. An unknown run is RESOURCE_DOES_NOT_EXIST, a deleted one INVALID_PARAMETER_VALUE.
    /// A batch with a <paramref name="batchId"/> the run has seen before is a retry: nothing is stored again and 0 returned.
    /// </summary>
    Task<int> AppendRunLogsAsync(
        string runId, string source, IReadOnlyList<Platform.Contracts.Api.NewRunLogLine> lines, string? batchId = null, CancellationToken ct = default);

    /// <summary>At most <paramref name="limit"/> lines of the run's log with an id above <paramref name="after"/>, oldest first.</summary>
    Task<IReadOnlyList<Platform.Contracts.Api.RunLogLine>> GetRunLogsAsync(string runId, long after, int limit, CancellationToken ct = default);

    /// <summary>Every trial whose state is not one of <paramref name="terminalStates"/> (what a restarted platform picks up again).</summary>
    Task<IReadOnlyList<TrialRecord>> ListUnfinishedTrialsAsync(IReadOnlyList<string> terminalStates, CancellationToken ct = default);
}

/// <summary>A run to create. Times are Unix milliseconds.</summary>
public sealed record NewRun(string ExperimentId, string? RunId, string? RunName, long StartTime, RunStatus Status, IReadOnlyList<RunTag> Tags, string? UserId = null);

/// <summary>
/// What one trial transition writes (see <see cref="ITrackingStore.WriteTrialAsync"/>): always the trial row; at submission the
/// run and its params; tags; the run's status when it changes (with the end time when it ends); a lifecycle log line.
/// </summary>
public sealed record TrialWrite(
    TrialRecord Trial,
    NewRun? NewRun = null,
    IReadOnlyList<Param>? Params = null,
    IReadOnlyList<RunTag>? Tags = null,
    RunStatus? RunStatus = null,
    long? EndTime = null,
    Platform.Contracts.Api.NewRunLogLine? LogLine = null);

/// <summary>A downsampled metric history: <see cref="Points"/> chosen from <see cref="TotalPoints"/> stored points.</summary>
public sealed record DownsampledHistory(long TotalPoints, IReadOnlyList<Metric> Points);

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
