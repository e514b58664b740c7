using System.Data.Common;
using Dapper;
using Platform.Contracts.Api;

namespace Platform.Silo.Store.Sql;

public abstract partial class SqlTrackingStore
{
    private const string InsertRunLogsSql = "INSERT INTO run_logs (run_id, timestamp, source, message) VALUES ";
    private const string InsertRunLogSql = InsertRunLogsSql + "(@runId, @t0, @s0, @m0)";

    public async Task<int> AppendRunLogsAsync(
        string runId, string source, IReadOnlyList<NewRunLogLine> lines, string? batchId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        // Locks the run row, so concurrent appends to one run count one after the other and the cap holds exactly.
        var (stage, stored) = await TouchRunAsync(connection, tx, runId, status: null, endTime: null);
        if (stage is null)
        {
            throw RunNotFound(runId);
        }

        if (stage != LifecycleStages.Active)
        {
            throw RunNotActive(runId, stage);
        }

        // The batch's id is recorded with its lines, in the same transaction: a retry finds it and stores nothing.
        if (batchId is not null && await connection.ExecuteAsync(Cmd(
                "INSERT INTO run_log_batches (run_id, batch_id) VALUES (@runId, @batchId) ON CONFLICT DO NOTHING",
                new { runId, batchId }, tx, ct)) == 0)
        {
            return 0;
        }

        var entries = RunLogCap.Admit(stored, lines, source);
        await InsertRunLogsAsync(connection, tx, runId, entries, ct);
        await tx.CommitAsync(ct);
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
