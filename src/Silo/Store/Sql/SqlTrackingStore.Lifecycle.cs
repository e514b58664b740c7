using System.Data.Common;
using Dapper;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;

namespace Platform.Silo.Store.Sql;

// Renames, experiment tags, tag deletion, soft delete / restore (MLflow's lifecycle stages) and permanent deletion.
public abstract partial class SqlTrackingStore
{
    public async Task RenameExperimentAsync(string experimentId, string newName, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(newName))
            throw new TrackingStoreException(ErrorCodes.InvalidParameterValue, "Invalid experiment name: new name must not be empty");
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        var id = await RequireActiveExperimentAsync(connection, tx, experimentId, "rename", ct);
        try
        {
            await connection.ExecuteAsync(Cmd("UPDATE experiments SET name = @newName, last_update_time = @now WHERE experiment_id = @id",
                new { newName, now = Now(), id }, tx, ct));
        }
        catch (Exception ex) when (IsUniqueViolation(ex))
        {
            throw new TrackingStoreException(ErrorCodes.ResourceAlreadyExists, $"Experiment(name={newName}) already exists.");
        }
        await tx.CommitAsync(ct);
    }

    public async Task SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        var id = await RequireActiveExperimentAsync(connection, tx, experimentId, "set a tag on", ct);
        await connection.ExecuteAsync(Cmd(
            "INSERT INTO experiment_tags (experiment_id, key, value) VALUES (@id, @key, @value) " +
            "ON CONFLICT (experiment_id, key) DO UPDATE SET value = excluded.value", new { id, key, value }, tx, ct));
        await tx.CommitAsync(ct);
    }

    public Task DeleteExperimentAsync(string experimentId, CancellationToken ct = default) =>
        SetExperimentStageAsync(experimentId, LifecycleStages.Deleted, LifecycleStages.Active, ct);

    public Task RestoreExperimentAsync(string experimentId, CancellationToken ct = default) =>
        SetExperimentStageAsync(experimentId, LifecycleStages.Active, LifecycleStages.Deleted, ct);

    /// <summary>The tables metric points are stored in: out of order one by one, appended in chunks.</summary>
    private static readonly string[] PointTables = ["metric_points", "metric_chunks"];

    public async Task PermanentlyDeleteExperimentAsync(string experimentId, CancellationToken ct = default)
    {
        var id = ParseExperimentId(experimentId) ?? throw ExperimentNotFound(experimentId);
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        // Runs reference their experiment without cascade (a soft delete must never lose them), so they go first; their data cascades,
        // except metric points and chunks, which have no foreign key on PostgreSQL (see its migrations 5, 9 and 11).
        foreach (var table in PointTables)
        {
            await connection.ExecuteAsync(Cmd(
                $"DELETE FROM {table} WHERE series_id IN (SELECT l.series_id FROM latest_metrics l JOIN runs r ON r.run_id = l.run_id WHERE r.experiment_id = @id)",
                new { id }, tx, ct));
        }
        await connection.ExecuteAsync(Cmd("DELETE FROM runs WHERE experiment_id = @id", new { id }, tx, ct));
        if (await connection.ExecuteAsync(Cmd("DELETE FROM experiments WHERE experiment_id = @id", new { id }, tx, ct)) == 0)
            throw ExperimentNotFound(experimentId);
        await tx.CommitAsync(ct);
    }

    public Task DeleteRunAsync(string runId, CancellationToken ct = default) => SetRunStageAsync(runId, LifecycleStages.Deleted, ct);

    public Task RestoreRunAsync(string runId, CancellationToken ct = default) => SetRunStageAsync(runId, LifecycleStages.Active, ct);

    public async Task PermanentlyDeleteRunAsync(string runId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        foreach (var table in PointTables)
        {
            await connection.ExecuteAsync(Cmd(
                $"DELETE FROM {table} WHERE series_id IN (SELECT series_id FROM latest_metrics WHERE run_id = @runId)", new { runId }, tx, ct));
        }
        if (await connection.ExecuteAsync(Cmd("DELETE FROM runs WHERE run_id = @runId", new { runId }, tx, ct)) == 0)
            throw RunNotFound(runId);
        await tx.CommitAsync(ct);
    }

    public async Task DeleteTagAsync(string runId, string key, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        await RequireActiveRunAsync(connection, tx, runId, ct);
        if (await connection.ExecuteAsync(Cmd("DELETE FROM tags WHERE run_id = @runId AND key = @key", new { runId, key }, tx, ct)) == 0)
            throw new TrackingStoreException(ErrorCodes.ResourceDoesNotExist, $"No tag with name: {key} in run with id {runId}");
        await tx.CommitAsync(ct);
    }

    /// <summary>MLflow's <c>MLFLOW_DATASET_CONTEXT</c> input tag ("training", "eval", …), searched as <c>datasets.context</c>.</summary>
    private const string DatasetContextTag = "mlflow.data.context";

    public async Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> datasets, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        await RequireActiveRunAsync(connection, tx, runId, ct);
        var rows = (datasets ?? []).Select(d => new
        {
            RunId = runId, d.Dataset.Name, d.Dataset.Digest, d.Dataset.SourceType, d.Dataset.Source, d.Dataset.Schema, d.Dataset.Profile,
            Tags = System.Text.Json.JsonSerializer.Serialize(d.Tags ?? [], TrackingJson.Options),
            // Kept in its own column for the datasets.context filter (the tags stay whole in their JSON).
            Context = (d.Tags ?? []).FirstOrDefault(t => t.Key == DatasetContextTag)?.Value,
        }).OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Digest, StringComparer.Ordinal).ToList();
        await connection.ExecuteAsync(Cmd(
            "INSERT INTO run_inputs (run_id, name, digest, source_type, source, schema, profile, tags, context) " +
            "VALUES (@RunId, @Name, @Digest, @SourceType, @Source, @Schema, @Profile, @Tags, @Context) " +
            "ON CONFLICT (run_id, name, digest) DO UPDATE SET tags = excluded.tags, context = excluded.context", rows, tx, ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>Moves the experiment and its runs that are in <paramref name="from"/> to <paramref name="to"/> (MLflow cascades both ways).</summary>
    private async Task SetExperimentStageAsync(string experimentId, string to, string from, CancellationToken ct)
    {
        var id = ParseExperimentId(experimentId) ?? throw ExperimentNotFound(experimentId);
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        if (await ExperimentStageAsync(connection, tx, id, ct) is null)
            throw ExperimentNotFound(experimentId);
        await connection.ExecuteAsync(Cmd("UPDATE experiments SET lifecycle_stage = @to, last_update_time = @now WHERE experiment_id = @id",
            new { to, now = Now(), id }, tx, ct));
        await connection.ExecuteAsync(Cmd("UPDATE runs SET lifecycle_stage = @to WHERE experiment_id = @id AND lifecycle_stage = @from",
            new { to, from, id }, tx, ct));
        await tx.CommitAsync(ct);
    }

    private async Task SetRunStageAsync(string runId, string stage, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        if (await connection.ExecuteAsync(Cmd("UPDATE runs SET lifecycle_stage = @stage WHERE run_id = @runId", new { stage, runId }, tx, ct)) == 0)
            throw RunNotFound(runId);
        await tx.CommitAsync(ct);
    }

    private static async Task<long> RequireActiveExperimentAsync(DbConnection connection, DbTransaction tx, string experimentId, string action, CancellationToken ct)
    {
        var id = ParseExperimentId(experimentId) ?? throw ExperimentNotFound(experimentId);
        var stage = await ExperimentStageAsync(connection, tx, id, ct) ?? throw ExperimentNotFound(experimentId);
        if (stage != LifecycleStages.Active)
        {
            throw new TrackingStoreException(ErrorCodes.InvalidParameterValue,
                $"Cannot {action} a non-active experiment: experiment {experimentId} is in the '{stage}' state.");
        }
        return id;
    }
}
