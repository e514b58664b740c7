using System.Data.Common;
using System.Globalization;
using Dapper;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;

namespace Platform.Silo.Store.Sql;

public abstract partial class SqlTrackingStore
{
    private const string ExperimentColumns =
        "experiment_id AS ExperimentId, name AS Name, artifact_location AS ArtifactLocation, lifecycle_stage AS LifecycleStage, " +
        "creation_time AS CreationTime, last_update_time AS LastUpdateTime";

    public async Task<string> CreateExperimentAsync(
        string name, IReadOnlyList<ExperimentTag>? tags = null, string? artifactLocation = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new TrackingStoreException(ErrorCodes.InvalidParameterValue, "experiment name must not be empty");
        var location = string.IsNullOrEmpty(artifactLocation) ? null : ArtifactLocations.Resolve(artifactLocation, _artifactRoot);
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        if (location is not null &&
            ArtifactLocations.Overlapping(location, await connection.QueryAsync<string>(Cmd("SELECT artifact_location FROM experiments", null, tx, ct))) is { } taken)
        {
            throw new TrackingStoreException(ErrorCodes.InvalidParameterValue,
                $"Invalid artifact_location '{artifactLocation}': another experiment keeps its artifacts at '{taken}' (experiments may not share or nest folders)");
        }

        var now = Now();
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(Cmd(
                "INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time) " +
                "VALUES (@name, @location, 'active', @now, @now) RETURNING experiment_id", new { name, location = location ?? "", now }, tx, ct));
        }
        catch (Exception ex) when (IsUniqueViolation(ex))
        {
            var stage = (await GetExperimentByNameAsync(name, ct))?.LifecycleStage;
            throw new TrackingStoreException(ErrorCodes.ResourceAlreadyExists, stage == LifecycleStages.Deleted
                ? $"Experiment '{name}' already exists in deleted state. You can restore the experiment, or permanently delete the experiment to create a new one."
                : $"Experiment(name={name}) already exists.");
        }
        // The default location embeds the generated id, so it can only be written after the insert.
        if (location is null && _artifactRoot is not null)
        {
            await connection.ExecuteAsync(Cmd("UPDATE experiments SET artifact_location = @location WHERE experiment_id = @id",
                new { location = $"{_artifactRoot}/{id}", id }, tx, ct));
        }
        if (tags is { Count: > 0 })
        {
            await connection.ExecuteAsync(Cmd(
                "INSERT INTO experiment_tags (experiment_id, key, value) VALUES (@id, @Key, @Value) " +
                "ON CONFLICT (experiment_id, key) DO UPDATE SET value = excluded.value",
                tags.Select(t => new { id, t.Key, t.Value }).ToList(), tx, ct));
        }
        await tx.CommitAsync(ct);
        return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<Experiment?> GetExperimentAsync(string experimentId, CancellationToken ct = default)
    {
        if (ParseExperimentId(experimentId) is not { } id)
            return null;
        return (await QueryExperimentsAsync("WHERE experiment_id = @id", new { id }, ct)).SingleOrDefault();
    }

    public async Task<Experiment?> GetExperimentByNameAsync(string name, CancellationToken ct = default) =>
        (await QueryExperimentsAsync("WHERE name = @name", new { name }, ct)).SingleOrDefault();

    public Task<IReadOnlyList<Experiment>> ListExperimentsAsync(CancellationToken ct = default) => QueryExperimentsAsync("", null, ct);

    public async Task<string> GetOrCreateExperimentAsync(string name, CancellationToken ct = default)
    {
        if (await FindExperimentIdAsync(name, ct) is { } existing)
            return existing;
        try
        {
            return await CreateExperimentAsync(name, null, null, ct);
        }
        catch (TrackingStoreException ex) when (ex.ErrorCode == ErrorCodes.ResourceAlreadyExists)
        {
            // Another caller created it between our read and our insert; the unique name makes theirs the one.
            return (await FindExperimentIdAsync(name, ct))!;
        }
    }

    /// <summary>The id alone, in one query: every submitted trial looks its experiment up, and needs neither its row nor its tags.</summary>
    private async Task<string?> FindExperimentIdAsync(string name, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var id = await connection.ExecuteScalarAsync<long?>(Cmd("SELECT experiment_id FROM experiments WHERE name = @name", new { name }, null, ct));
        return id?.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Experiments matching <paramref name="where"/> with their tags: two queries, whatever the count.</summary>
    private async Task<IReadOnlyList<Experiment>> QueryExperimentsAsync(string where, object? param, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = (await connection.QueryAsync<ExperimentRow>(Cmd(
            $"SELECT {ExperimentColumns} FROM experiments {where} ORDER BY experiment_id", param, null, ct))).AsList();
        if (rows.Count == 0)
            return [];
        var ids = rows.Select(r => r.ExperimentId).ToArray();
        var tags = (await connection.QueryAsync<KeyValueRow>(Cmd(
                $"SELECT experiment_id AS ExperimentId, key AS Key, value AS Value FROM experiment_tags WHERE {InList("experiment_id", "ids")} ORDER BY key",
                new { ids }, null, ct)))
            .ToLookup(t => t.ExperimentId, t => new ExperimentTag(t.Key, t.Value));
        return rows.Select(r => r.ToExperiment(tags[r.ExperimentId].ToList())).ToList();
    }

    /// <summary>The experiment's lifecycle stage, or null when it does not exist.</summary>
    private static Task<string?> ExperimentStageAsync(DbConnection connection, DbTransaction tx, long id, CancellationToken ct) =>
        connection.ExecuteScalarAsync<string?>(Cmd("SELECT lifecycle_stage FROM experiments WHERE experiment_id = @id", new { id }, tx, ct));

    /// <summary>
    /// MLflow's Default experiment: id 0, named "Default", created when the store holds no experiment at all (as MLflow's SQL store
    /// does on start). Later experiments take ids from 1 on: the identity/autoincrement counters never hand out 0. The insert
    /// checks emptiness itself and skips any conflict, so silos starting together create it once.
    /// </summary>
    private async Task EnsureDefaultExperimentAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        var now = Now();
        await connection.ExecuteAsync(Cmd(
            "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time) " +
            "SELECT @id, @name, @location, 'active', @now, @now WHERE NOT EXISTS (SELECT 1 FROM experiments) ON CONFLICT DO NOTHING",
            new { id = 0L, name = DefaultExperiment.Name, location = _artifactRoot is null ? "" : $"{_artifactRoot}/{DefaultExperiment.Id}", now },
            tx, ct));
        await tx.CommitAsync(ct);
    }
}
