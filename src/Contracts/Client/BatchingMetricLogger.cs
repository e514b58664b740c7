using System.Collections.Concurrent;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;

namespace Platform.Contracts.Client;

/// <summary>
/// Logs metric points for one run without blocking the caller: <see cref="Log"/> enqueues, a background loop ships batches
/// through runs/log-batch (at most 1000 points each, MLflow's limit). A failed batch is retried as is: the store skips points it
/// already holds, so a retry never duplicates. <see cref="DisposeAsync"/> flushes everything.
/// </summary>
public sealed class BatchingMetricLogger : IAsyncDisposable
{
    public const int MaxBatchSize = 1000;

    private readonly TrackingClient _client;
    private readonly string _runId;
    private readonly ConcurrentQueue<Metric> _pending = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TimeSpan _interval;

    public BatchingMetricLogger(TrackingClient client, string runId, TimeSpan? flushInterval = null)
    {
        _client = client;
        _runId = runId;
        _interval = flushInterval ?? TimeSpan.FromMilliseconds(500);
        _loop = Task.Run(LoopAsync);
    }

    public void Log(string key, double value, long step) =>
        _pending.Enqueue(new Metric(key, value, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), step));

    /// <summary>Ships every point logged so far. Points leave the queue only after the server took them.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        await _sending.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (!_pending.IsEmpty)
            {
                var batch = _pending.Take(MaxBatchSize).ToArray();
                await SendWithRetryAsync(batch, ct).ConfigureAwait(false);
                for (var i = 0; i < batch.Length; i++)
                {
                    _pending.TryDequeue(out _);
                }
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
            await FlushAsync(_stop.Token).ConfigureAwait(false);
        }
    }

    // Re-sent while the API cannot take it (TransientRetry); the store skips identical points, so a batch that did land is not
    // stored twice.
    private Task SendWithRetryAsync(IReadOnlyList<Metric> batch, CancellationToken ct) =>
        TransientRetry.RunAsync(c => _client.LogBatchAsync(_runId, metrics: batch, ct: c), ct);
}
