using Dapper;

namespace Platform.Silo.Store.Sql;

public abstract partial class SqlTrackingStore
{
    public async Task UpsertTrialAsync(TrialRecord trial, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        await using var connection = await OpenAsync(ct);
        await connection.ExecuteAsync(Cmd(
            "INSERT INTO trials (run_id, sweep_id, trial_index, state, retries, spec_json, updated_at) " +
            "VALUES (@RunId, @SweepId, @Index, @State, @Retries, @SpecJson, @UpdatedAt) " +
            "ON CONFLICT (run_id) DO UPDATE SET state = excluded.state, retries = excluded.retries, " +
            "spec_json = excluded.spec_json, updated_at = excluded.updated_at",
            trial, null, ct));
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
