using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Platform.Contracts.Api;
using Platform.Silo.Store;

namespace Platform.Silo.Api;

/// <summary>
/// A run's log: <c>POST runs/{id}/logs</c> appends a batch (workers ship their job's log lines; submitter role by
/// <see cref="Security.EndpointAccessRules"/>), <c>GET runs/{id}/logs?after=&amp;limit=</c> reads after a cursor (viewer).
/// </summary>
public static class RunLogEndpoints
{
    public const int DefaultPage = 500;

    public static RouteGroupBuilder MapRunLogs(this RouteGroupBuilder api)
    {
        api.MapPost("/runs/{runId}/logs", async (string runId, RunLogBatch body, ITrackingStore store, CancellationToken ct) =>
        {
            var source = Source(body.Source);
            var lines = body.Lines ?? throw ApiRequestException.Missing("lines");
            if (lines.Count > RunLogLimits.MaxLinesPerBatch)
            {
                throw new ApiRequestException(ErrorCodes.InvalidParameterValue,
                    $"A batch may hold at most {RunLogLimits.MaxLinesPerBatch} lines, got {lines.Count} (field 'lines').");
            }

            if (lines.Any(l => l?.Message is null))
            {
                throw ApiRequestException.Missing("lines[].message");
            }

            if (body.BatchId is { Length: 0 or > RunLogLimits.MaxBatchIdChars })
            {
                throw new ApiRequestException(ErrorCodes.InvalidParameterValue,
                    $"Invalid value for parameter 'batch_id': 1 to {RunLogLimits.MaxBatchIdChars} characters.");
            }

            return new { stored = await store.AppendRunLogsAsync(runId, source, lines, body.BatchId, ct) };
        });

        api.MapGet("/runs/{runId}/logs", async (string runId, long? after, int? limit, ITrackingStore store, CancellationToken ct) =>
        {
            if (after < 0)
            {
                throw new ApiRequestException(ErrorCodes.InvalidParameterValue, $"Invalid value {after} for parameter 'after': must be 0 or more.");
            }

            var max = limit ?? DefaultPage;
            if (max is <= 0 or > RunLogLimits.MaxLinesPerBatch)
            {
                throw new ApiRequestException(ErrorCodes.InvalidParameterValue,
                    $"Invalid value {max} for parameter 'limit': must be between 1 and {RunLogLimits.MaxLinesPerBatch}.");
            }

            var run = await MlflowRunEndpoints.RequireRunAsync(store, runId, ct);
            var lines = await store.GetRunLogsAsync(runId, after ?? 0, max, ct);
            return new RunLogPage(lines, lines.Count > 0 ? lines[^1].Id : after ?? 0, run.Info.Status.ToString());
        });
        return api;
    }

    /// <summary>Who wrote the lines; <see cref="RunLogLimits.PlatformSource"/> is the platform's own and not for clients.</summary>
    private static string Source(string? source)
    {
        var value = MlflowValidator.Required(source, "source").Trim();
        if (value.Length > RunLogLimits.MaxSourceChars || value == RunLogLimits.PlatformSource)
        {
            throw new ApiRequestException(ErrorCodes.InvalidParameterValue,
                $"Invalid value for parameter 'source': at most {RunLogLimits.MaxSourceChars} characters, and '{RunLogLimits.PlatformSource}' is reserved.");
        }

        return value;
    }
}
