using System.Collections.Concurrent;
using Platform.Contracts.Api;

namespace Platform.Contracts.Client;

/// <summary>
/// Ships a run's log lines (POST runs/{id}/logs) without blocking the job: <see cref="Log"/> enqueues, a background loop sends
/// batches every flush interval. Unlike metrics, logs are best effort: a batch the server refuses (the run was deleted) or that
/// still fails after retries is dropped, and at most <see cref="MaxPending"/> lines wait, so a dead API never stalls or fails a
/// trial. <see cref="DisposeAsync"/> sends what is left.
/// </summary>
public sealed class BatchingRunLogger : IAsyncDisposable
{
    /// <summary>Lines held while the API is slow; more are dropped (the store keeps fewer per run anyway).</summary>
    public const int MaxPending = 10_000;

    private readonly PlatformClient _client;
    private readonly string _runId;
    private readonly string _source;
    private readonly ConcurrentQueue<NewRunLogLine> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TimeSpan _interval;
    private readonly Task _loop;

    public BatchingRunLogger(PlatformClient client, string runId, string source, TimeSpan? flushInterval = null)
    {
        _client = client;
        _runId = runId;
        _source = source;
        _interval = flushInterval ?? TimeSpan.FromMilliseconds(500);
        _loop = Task.Run(LoopAsync);
    }

    public void Log(string message)
    {
        if (_pending.Count < MaxPending)
        {
            _pending.Enqueue(new NewRunLogLine(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), message));
        }
    }

    public async Task FlushAsync(CancellationToken ct = default)
    {
        await _sending.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (!_pending.IsEmpty)
            {
                var batch = new List<NewRunLogLine>(Math.Min(_pending.Count, RunLogLimits.MaxLinesPerBatch));
                while (batch.Count < RunLogLimits.MaxLinesPerBatch && _pending.TryDequeue(out var line))
                {
                    batch.Add(line);
                }

                await SendAsync(batch, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await FlushAsync().ConfigureAwait(false);
        _stop.Dispose();
        _sending.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(_interval, _stop.Token).ConfigureAwait(false);
            // Not cancelled by disposal: a batch under way finishes, or its lines (often a failing job's last words) would be lost.
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(IReadOnlyList<NewRunLogLine> batch, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                await _client.AppendRunLogsAsync(_runId, new RunLogBatch(_source, batch), ct).ConfigureAwait(false);
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
