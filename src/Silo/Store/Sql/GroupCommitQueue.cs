using System.Threading.Channels;

namespace Platform.Silo.Store.Sql;

/// <summary>
/// Group commit: callers submit work items and await their own outcome, while at most <c>writers</c> background loops take
/// whatever has queued up (up to <c>maxItems</c> items or <c>maxWeight</c> weight) and hand it to <c>commit</c> as one group,
/// typically one database transaction. Under load many concurrent requests share one transaction; alone, an item is taken at
/// once (no timer, no added latency). <c>commit</c> completes each item itself (success or that item's error); an exception
/// out of <c>commit</c> fails every item of the group not yet completed.
/// </summary>
internal sealed class GroupCommitQueue<T>
{
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Func<IReadOnlyList<Item>, Task> _commit;
    private readonly Func<T, int> _weight;
    private readonly int _writers;
    private readonly int _maxItems;
    private readonly int _maxWeight;
    private int _started;

    public GroupCommitQueue(Func<IReadOnlyList<Item>, Task> commit, Func<T, int> weight, int writers, int maxItems, int maxWeight)
    {
        _commit = commit;
        _weight = weight;
        _writers = writers;
        _maxItems = maxItems;
        _maxWeight = maxWeight;
    }

    /// <summary>Queues <paramref name="value"/>; the task ends when its group has committed (or with the error that refused it).</summary>
    public Task SubmitAsync(T value, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        // The loops start on first use: stores that never log metrics hold no background work.
        if (Volatile.Read(ref _started) == 0 && Interlocked.Exchange(ref _started, 1) == 0)
        {
            for (var i = 0; i < _writers; i++)
                _ = Task.Run(WriteLoopAsync);
        }
        var item = new Item(value);
        _queue.Writer.TryWrite(item);
        // A caller that gives up stops waiting; its item may still be written, exactly as when a response is lost (retries are idempotent).
        return ct.CanBeCanceled ? item.Completion.Task.WaitAsync(ct) : item.Completion.Task;
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<Item>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            var weight = 0;
            while (group.Count < _maxItems && weight < _maxWeight && _queue.Reader.TryRead(out var item))
            {
                group.Add(item);
                weight += _weight(item.Value);
            }
            if (group.Count == 0)
                continue;
            try
            {
                await _commit(group);
                foreach (var item in group)
                    item.Completion.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var item in group)
                    item.Completion.TrySetException(e);
            }
        }
    }

    public sealed class Item(T value)
    {
        public T Value { get; } = value;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
