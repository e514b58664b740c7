using System.Data.Common;
using Dapper;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;

namespace Platform.Silo.Store.Sql;

public abstract partial class SqlTrackingStore
{
    private const string UpsertTagSql =
        "INSERT INTO tags (run_id, key, value) VALUES (@RunId, @Key, @Value) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value";

    // A null end time or name leaves the stored one: callers update status alone while a run is going.
    private const string UpdateRunSql =
        "UPDATE runs SET status = @status, end_time = COALESCE(@endTime, end_time), run_name = COALESCE(@runName, run_name) WHERE run_id = @runId";

    public async Task<RunInfo> CreateRunAsync(NewRun run, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        var info = await CreateRunAsync(connection, tx, run, ct);
        await tx.CommitAsync(ct);
        return info;
    }

    /// <summary>Creates the run inside <paramref name="tx"/> (see <see cref="CreateRunAsync(NewRun, CancellationToken)"/>).</summary>
    private async Task<RunInfo> CreateRunAsync(DbConnection connection, DbTransaction tx, NewRun run, CancellationToken ct)
    {
        var experimentId = ParseExperimentId(run.ExperimentId) ?? throw ExperimentNotFound(run.ExperimentId);
        var runId = string.IsNullOrEmpty(run.RunId) ? Guid.NewGuid().ToString("N") : run.RunId;
        // An explicit id that exists is a retry: hand back what the first attempt stored, whatever this call asked for.
        if (run.RunId is not null && await ReadRunInfoAsync(connection, tx, runId, ct) is { } existing)
            return existing;
        var experiment = await connection.QuerySingleOrDefaultAsync<ExperimentRow>(Cmd(
            "SELECT lifecycle_stage AS LifecycleStage, artifact_location AS ArtifactLocation FROM experiments WHERE experiment_id = @experimentId",
            new { experimentId }, tx, ct)) ?? throw ExperimentNotFound(run.ExperimentId);
        if (experiment.LifecycleStage != LifecycleStages.Active)
        {
            throw new TrackingStoreException(ErrorCodes.InvalidParameterValue,
                $"Could not create run under non-active experiment with ID {run.ExperimentId}.");
        }

        var tags = run.Tags ?? [];
        // Like MLflow: the name comes from the argument, else the mlflow.runName tag, else is generated; the tag always mirrors it.
        var runName = !string.IsNullOrEmpty(run.RunName) ? run.RunName
            : tags.LastOrDefault(t => t.Key == PlatformTags.RunName)?.Value is { Length: > 0 } tagged ? tagged
            : runId[..Math.Min(8, runId.Length)];
        // As MLflow: under the experiment's location (older experiments made without an artifact root have none: use the root's default).
        var experimentLocation = experiment.ArtifactLocation.Length > 0 ? experiment.ArtifactLocation : _artifactRoot is null ? null : $"{_artifactRoot}/{experimentId}";
        var artifactUri = experimentLocation is null ? "" : $"{experimentLocation}/{runId}/artifacts";

        var inserted = await connection.ExecuteAsync(Cmd(
            "INSERT INTO runs (run_id, experiment_id, run_name, status, start_time, end_time, artifact_uri, lifecycle_stage, user_id) " +
            "VALUES (@runId, @experimentId, @runName, @status, @startTime, NULL, @artifactUri, 'active', @userId) ON CONFLICT (run_id) DO NOTHING",
            new { runId, experimentId, runName, status = run.Status.ToString(), startTime = run.StartTime, artifactUri, userId = run.UserId ?? "" }, tx, ct));
        if (inserted == 0)
        {
            // A concurrent create with the same id won (possible on PostgreSQL); that run is the answer.
            return (await ReadRunInfoAsync(connection, tx, runId, ct))!;
        }
        var tagRows = tags.Where(t => t.Key != PlatformTags.RunName)
            .Append(new RunTag(PlatformTags.RunName, runName))
            .Select(t => new { RunId = runId, t.Key, t.Value })
            .OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        await connection.ExecuteAsync(Cmd(UpsertTagSql, tagRows, tx, ct));
        return (await ReadRunInfoAsync(connection, tx, runId, ct))!;
    }

    public async Task<Run?> GetRunAsync(string runId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var rows = (await connection.QueryAsync<RunRow>(Cmd($"SELECT {RunRow.Columns} FROM runs WHERE run_id = @runId", new { runId }, null, ct))).AsList();
        return (await AttachDataAsync(connection, rows, ct)).SingleOrDefault();
    }

    public async Task<RunInfo> UpdateRunAsync(string runId, RunStatus status, long? endTime, string? runName = null, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        var updated = await connection.ExecuteAsync(Cmd(UpdateRunSql,
            new { runId, status = status.ToString(), endTime, runName = string.IsNullOrEmpty(runName) ? null : runName }, tx, ct));
        if (updated == 0)
            throw RunNotFound(runId);
        if (!string.IsNullOrEmpty(runName))
            await connection.ExecuteAsync(Cmd(UpsertTagSql, new { RunId = runId, Key = PlatformTags.RunName, Value = runName }, tx, ct));
        var info = (await ReadRunInfoAsync(connection, tx, runId, ct))!;
        await tx.CommitAsync(ct);
        return info;
    }

    public async Task<IReadOnlyList<Run>> SearchRunsAsync(IReadOnlyList<string> experimentIds, int maxResults = 1000, CancellationToken ct = default)
    {
        var ids = experimentIds.Select(ParseExperimentId).OfType<long>().Distinct().ToArray();
        if (ids.Length == 0 || maxResults <= 0)
            return [];
        await using var connection = await OpenAsync(ct);
        var rows = (await connection.QueryAsync<RunRow>(Cmd(
            $"SELECT {RunRow.Columns} FROM runs WHERE {InList("experiment_id", "ids")} ORDER BY start_time DESC, run_id LIMIT @maxResults",
            new { ids, maxResults }, null, ct))).AsList();
        return await AttachDataAsync(connection, rows, ct);
    }

    private static async Task<RunInfo?> ReadRunInfoAsync(DbConnection connection, DbTransaction? tx, string runId, CancellationToken ct) =>
        (await connection.QuerySingleOrDefaultAsync<RunRow>(Cmd($"SELECT {RunRow.Columns} FROM runs WHERE run_id = @runId", new { runId }, tx, ct)))
        ?.ToRunInfo();

    /// <summary>Latest metrics, params, tags and inputs of all <paramref name="rows"/> in four queries (no query per run).</summary>
    private async Task<IReadOnlyList<Run>> AttachDataAsync(DbConnection connection, List<RunRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return [];
        var ids = rows.Select(r => r.RunId).ToArray();
        var where = InList("run_id", "ids");
        var metrics = (await connection.QueryAsync<MetricRow>(Cmd(
            $"SELECT {MetricRow.Columns} FROM latest_metrics WHERE {where} ORDER BY key", new { ids }, null, ct))).ToLookup(m => m.RunId);
        var @params = (await connection.QueryAsync<KeyValueRow>(Cmd(
            $"SELECT run_id AS RunId, key AS Key, value AS Value FROM params WHERE {where} ORDER BY key", new { ids }, null, ct))).ToLookup(p => p.RunId);
        var tags = (await connection.QueryAsync<KeyValueRow>(Cmd(
            $"SELECT run_id AS RunId, key AS Key, value AS Value FROM tags WHERE {where} ORDER BY key", new { ids }, null, ct))).ToLookup(t => t.RunId);
        var inputs = (await connection.QueryAsync<InputRow>(Cmd(
            $"SELECT {InputRow.Columns} FROM run_inputs WHERE {where} ORDER BY name, digest", new { ids }, null, ct))).ToLookup(i => i.RunId);
        return rows.Select(r => new Run(r.ToRunInfo(), new RunData(
            metrics[r.RunId].Select(m => m.ToMetric()).ToList(),
            @params[r.RunId].Select(p => new Param(p.Key, p.Value)).ToList(),
            tags[r.RunId].Select(t => new RunTag(t.Key, t.Value)).ToList()),
            new RunInputs(inputs[r.RunId].Select(i => i.ToInput()).ToList()))).ToList();
    }
}
