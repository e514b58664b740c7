using System.Collections.Concurrent;

namespace Platform.Contracts.Client;

/// <summary>
/// The shape both run loggers share: callers enqueue without blocking, a background loop sends batches of at most
/// <c>maxBatchSize</c> items every flush interval, and <see cref="DisposeAsync"/> sends what is left. Items leave the queue
/// only once <see cref="SendAsync"/> returned, so a send cut short (disposal cancels the one under way) is sent again by the
/// final flush, as the same batch (the same array, however much was enqueued since), so that a subclass can give a batch an
/// identity its retries keep. What a failed send means (retry, drop) is the subclass's.
/// </summary>
public abstract class BackgroundBatchSender<T> : IAsyncDisposable
{
    private readonly int _maxBatchSize;
    private readonly TimeSpan _interval;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private T[]? _unsent;

    protected BackgroundBatchSender(int maxBatchSize, TimeSpan? flushInterval)
    {
        _maxBatchSize = maxBatchSize;
        _interval = flushInterval ?? TimeSpan.FromMilliseconds(500);
        _loop = Task.Run(LoopAsync);
    }

    protected ConcurrentQueue<T> Pending { get; } = new();

    /// <summary>Sends one batch; throwing leaves it queued.</summary>
    protected abstract Task SendAsync(IReadOnlyList<T> batch, CancellationToken ct);

    /// <summary>Sends every item enqueued so far.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        await _sending.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (!Pending.IsEmpty)
            {
                // The queue's front still holds a batch that did not go out: it goes again as it was.
                var batch = _unsent ??= Pending.Take(_maxBatchSize).ToArray();
                await SendAsync(batch, ct).ConfigureAwait(false);
                _unsent = null;
                for (var i = 0; i < batch.Length; i++)
                {
                    Pending.TryDequeue(out _);
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
        GC.SuppressFinalize(this);
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(_interval, _stop.Token).ConfigureAwait(false);
            await FlushAsync(_stop.Token).ConfigureAwait(false);
        }
    }
}
