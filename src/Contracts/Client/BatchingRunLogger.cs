using Platform.Contracts.Api;

namespace Platform.Contracts.Client;

/// <summary>
/// Ships a run's log lines (POST runs/{id}/logs) without blocking the job: <see cref="Log"/> enqueues, a background loop sends
/// batches every flush interval. Each batch carries an id of its own, kept when it is sent again, so the store keeps a batch
/// once however often it is sent (<see cref="RunLogBatch.BatchId"/>); sends are repeated while the API cannot answer
/// (<see cref="TransientRetry"/>). Unlike metrics, logs are best effort: a batch the server refuses (the run was deleted) or
/// that still fails after that is dropped, and at most <see cref="MaxPending"/> lines wait, so a dead API never stalls or
/// fails a trial. <see cref="BackgroundBatchSender{T}.DisposeAsync"/> sends what is left.
/// </summary>
public sealed class BatchingRunLogger(PlatformClient client, string runId, string source, TimeSpan? flushInterval = null)
    : BackgroundBatchSender<NewRunLogLine>(RunLogLimits.MaxLinesPerBatch, flushInterval)
{
    /// <summary>Lines held while the API is slow; more are dropped (the store keeps fewer per run anyway).</summary>
    public const int MaxPending = 10_000;

    private (IReadOnlyList<NewRunLogLine> Batch, string Id)? _current;

    public void Log(string message)
    {
        if (Pending.Count < MaxPending)
        {
            Pending.Enqueue(new NewRunLogLine(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), message));
        }
    }

    protected override async Task SendAsync(IReadOnlyList<NewRunLogLine> batch, CancellationToken ct)
    {
        // The same batch sent again (its last send cut short) keeps its id: the store may hold it already.
        if (_current is not { } current || !ReferenceEquals(current.Batch, batch))
        {
            _current = current = (batch, Guid.NewGuid().ToString("N"));
        }

        try
        {
            await TransientRetry.RunAsync(c => client.AppendRunLogsAsync(runId, new RunLogBatch(source, batch, current.Id), c), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PlatformApiException || TransientRetry.IsTransient(e))
        {
            // Refused (a deleted run, a bad batch), or the API stayed away past the retries' patience: dropped.
        }
    }
}
