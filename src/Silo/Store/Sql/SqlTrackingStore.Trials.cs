using System.Data.Common;
using Dapper;
using Platform.Contracts.Api;

namespace Platform.Silo.Store.Sql;

public abstract partial class SqlTrackingStore
{
    private const string UpsertTrialSql =
        "INSERT INTO trials (run_id, sweep_id, trial_index, state, retries, spec_json, updated_at) " +
        "VALUES (@RunId, @SweepId, @Index, @State, @Retries, @SpecJson, @UpdatedAt) " +
        "ON CONFLICT (run_id) DO UPDATE SET state = excluded.state, retries = excluded.retries, " +
        "spec_json = excluded.spec_json, updated_at = excluded.updated_at";

    public Task WriteTrialAsync(TrialWrite write, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        // Through the group-commit queue: the transitions of many trials (and the metrics they log) share one transaction.
        return SubmitWriteAsync(new PendingTrialWrite(write), ct);
    }

    /// <summary>A trial transition waiting for its group's transaction.</summary>
    private sealed record PendingTrialWrite(TrialWrite Write) : PendingWrite(Write.Trial.RunId)
    {
        public override int Weight => 2 + (Write.Params?.Count ?? 0) + (Write.Tags?.Count ?? 0);

        public override Task ApplyAsync(SqlTrackingStore store, WriteGroup group) =>
            store.ApplyTrialWriteAsync(group, Write, CancellationToken.None);
    }

    private async Task ApplyTrialWriteAsync(WriteGroup group, TrialWrite write, CancellationToken ct)
    {
        var (connection, tx) = (group.Connection, group.Transaction);
        var runId = write.Trial.RunId;
        if (write.NewRun is { } run)
        {
            await CreateRunAsync(connection, tx, run with { RunId = runId }, ct);
        }

        if (write.Params is { Count: > 0 } || write.Tags is { Count: > 0 })
        {
            await ApplyBatchAsync(group, new PendingBatch(runId, [], write.Params ?? [], write.Tags ?? []), ct);
        }

        await connection.ExecuteAsync(Cmd(UpsertTrialSql, write.Trial, tx, ct));
        if (write.RunStatus is { } status &&
            await connection.ExecuteAsync(Cmd(UpdateRunSql, new { runId, status = status.ToString(), endTime = write.EndTime, runName = (string?)null }, tx, ct)) == 0)
        {
            throw RunNotFound(runId);
        }

        // The lifecycle line is for people: a run that takes no new data (deleted) or does not exist simply gets none.
        if (write.LogLine is { } line)
        {
            await AppendRunLogsAsync(connection, tx, runId, RunLogLimits.PlatformSource, [line], ct, skipUnlessActive: true);
        }
    }

    public async Task<TrialRecord?> GetTrialAsync(string runId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<TrialRow>(Cmd(
            $"SELECT {TrialRow.Columns} FROM trials WHERE run_id = @runId", new { runId }, null, ct));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<TrialRecord>> ListSweepTrialsAsync(string sweepId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<TrialRow>(Cmd(
            $"SELECT {TrialRow.Columns} FROM trials WHERE sweep_id = @sweepId ORDER BY trial_index", new { sweepId }, null, ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<TrialRecord>> ListUnfinishedTrialsAsync(IReadOnlyList<string> terminalStates, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<TrialRow>(Cmd(
            $"SELECT {TrialRow.Columns} FROM trials WHERE NOT ({InList("state", "terminalStates")}) ORDER BY updated_at, run_id",
            new { terminalStates = terminalStates.ToArray() }, null, ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }
}
