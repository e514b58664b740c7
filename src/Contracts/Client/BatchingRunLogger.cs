using Platform.Contracts.Api;

namespace Platform.Contracts.Client;

/// <summary>
/// Ships a run's log lines (POST runs/{id}/logs) without blocking the job: <see cref="Log"/> enqueues, a background loop sends
/// batches every flush interval. Unlike metrics, logs are best effort: a batch the server refuses (the run was deleted) or that
/// still fails after retries is dropped, and at most <see cref="MaxPending"/> lines wait, so a dead API never stalls or fails a
/// trial. <see cref="BackgroundBatchSender{T}.DisposeAsync"/> sends what is left.
/// </summary>
public sealed class BatchingRunLogger(PlatformClient client, string runId, string source, TimeSpan? flushInterval = null)
    : BackgroundBatchSender<NewRunLogLine>(RunLogLimits.MaxLinesPerBatch, flushInterval)
{
    /// <summary>Lines held while the API is slow; more are dropped (the store keeps fewer per run anyway).</summary>
    public const int MaxPending = 10_000;

    public void Log(string message)
    {
        if (Pending.Count < MaxPending)
        {
            Pending.Enqueue(new NewRunLogLine(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), message));
        }
    }

    protected override async Task SendAsync(IReadOnlyList<NewRunLogLine> batch, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                await client.AppendRunLogsAsync(runId, new RunLogBatch(source, batch), ct).ConfigureAwait(false);
                return;
            }
            catch (PlatformApiException)
            {
                return; // refused (deleted run, bad batch): retrying cannot help
            }
            catch (HttpRequestException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * attempt), ct).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                return;
            }
        }
    }
}
