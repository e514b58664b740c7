using System.Data.Common;
using Dapper;
using Platform.Contracts.Api;

namespace Platform.Silo.Store.Sql;

public abstract partial class SqlTrackingStore
{
    private const string InsertRunLogsSql = "INSERT INTO run_logs (run_id, timestamp, source, message) VALUES ";
    private const string InsertRunLogSql = InsertRunLogsSql + "(@runId, @t0, @s0, @m0)";

    public async Task<int> AppendRunLogsAsync(string runId, string source, IReadOnlyList<NewRunLogLine> lines, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        var stored = await AppendRunLogsAsync(connection, tx, runId, source, lines, ct);
        await tx.CommitAsync(ct);
        return stored;
    }

    /// <summary>Appends inside <paramref name="tx"/> (see <see cref="AppendRunLogsAsync(string, string, IReadOnlyList{NewRunLogLine}, CancellationToken)"/>).</summary>
    private async Task<int> AppendRunLogsAsync(
        DbConnection connection, DbTransaction tx, string runId, string source, IReadOnlyList<NewRunLogLine> lines, CancellationToken ct)
    {
        // Touching the run row locks it (PostgreSQL; SQLite holds its one write lock already), so concurrent appends to one
        // run count one after the other and the cap holds exactly.
        if (await connection.ExecuteAsync(Cmd("UPDATE runs SET lifecycle_stage = lifecycle_stage WHERE run_id = @runId", new { runId }, tx, ct)) == 0)
        {
            throw RunNotFound(runId);
        }

        // Stage and count in one statement: statements are what a write costs.
        var (stage, stored) = await connection.QuerySingleAsync<(string, long)>(Cmd(
            "SELECT lifecycle_stage, (SELECT COUNT(*) FROM run_logs WHERE run_id = @runId) FROM runs WHERE run_id = @runId", new { runId }, tx, ct));
        if (stage != LifecycleStages.Active)
        {
            throw RunNotActive(runId, stage);
        }

        var entries = RunLogCap.Admit(stored, lines, source);
        await InsertRunLogsAsync(connection, tx, runId, entries, ct);
        return entries.Count;
    }

    /// <summary>Inserts lines already admitted by <see cref="RunLogCap"/>, in order.</summary>
    private async Task InsertRunLogsAsync(DbConnection connection, DbTransaction tx, string runId, IReadOnlyList<RunLogCap.Entry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        if (entries.Count == 1)
        {
            // A trial's lifecycle line: one of the statements every transition runs.
            await ExecuteHotAsync(connection, tx, InsertRunLogSql,
                ("runId", runId), ("t0", entries[0].Timestamp), ("s0", entries[0].Source), ("m0", entries[0].Message));
            return;
        }

        // One statement for the batch (a round trip per line would dominate on PostgreSQL); ids follow the VALUES order.
        var parameters = new DynamicParameters(new { runId });
        var values = new string[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            values[i] = $"(@runId, @t{i}, @s{i}, @m{i})";
            parameters.Add($"t{i}", entries[i].Timestamp);
            parameters.Add($"s{i}", entries[i].Source);
            parameters.Add($"m{i}", entries[i].Message);
        }

        await connection.ExecuteAsync(Cmd(InsertRunLogsSql + string.Join(", ", values), parameters, tx, ct));
    }

    public async Task<IReadOnlyList<RunLogLine>> GetRunLogsAsync(string runId, long after, int limit, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<RunLogRow>(Cmd(
            "SELECT id AS Id, timestamp AS Timestamp, source AS Source, message AS Message FROM run_logs " +
            "WHERE run_id = @runId AND id > @after ORDER BY id LIMIT @limit",
            new { runId, after, limit }, null, ct));
        return rows.Select(r => new RunLogLine(r.Id, r.Timestamp, r.Source, r.Message)).ToList();
    }
}
