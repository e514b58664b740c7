using System.Text.Json;
using Dapper;
using Platform.Contracts.Tracking;

namespace Platform.Silo.Store.Sql;

public abstract partial class SqlTrackingStore
{
    /// <summary>Inserts or replaces the sweep; <see cref="SweepRecord.CreatedAt"/> of an existing sweep is kept.</summary>
    public async Task UpsertSweepAsync(SweepRecord sweep, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        await using var connection = await OpenAsync(ct);
        await connection.ExecuteAsync(Cmd(
            "INSERT INTO sweeps (sweep_id, experiment_id, assignment, spec_yaml, state, run_ids, created_at, method, seed, issued) " +
            "VALUES (@SweepId, @ExperimentId, @Assignment, @SpecYaml, @State, @RunIds, @CreatedAt, @Method, @Seed, @Issued) " +
            "ON CONFLICT (sweep_id) DO UPDATE SET experiment_id = excluded.experiment_id, assignment = excluded.assignment, " +
            "spec_yaml = excluded.spec_yaml, state = excluded.state, run_ids = excluded.run_ids, method = excluded.method, " +
            "seed = excluded.seed, issued = excluded.issued",
            new
            {
                sweep.SweepId, sweep.ExperimentId, sweep.Assignment, sweep.SpecYaml, sweep.State,
                RunIds = JsonSerializer.Serialize(sweep.RunIds ?? []), sweep.CreatedAt, sweep.Method, sweep.Seed, sweep.Issued,
            }, null, ct));
    }

    public async Task<SweepRecord?> GetSweepAsync(string sweepId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<SweepRow>(Cmd(
            $"SELECT {SweepRow.Columns} FROM sweeps WHERE sweep_id = @sweepId", new { sweepId }, null, ct));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<SweepRecord>> ListSweepsAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<SweepRow>(Cmd($"SELECT {SweepRow.Columns} FROM sweeps ORDER BY created_at, sweep_id", null, null, ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }
}
