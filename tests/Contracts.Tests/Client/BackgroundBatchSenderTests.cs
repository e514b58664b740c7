using Platform.Contracts.Client;

namespace Platform.Contracts.Tests.Client;

public sealed class BackgroundBatchSenderTests
{
    [Fact]
    public async Task A_batch_that_did_not_go_out_goes_again_as_it_was_whatever_was_enqueued_since()
    {
        await using var sender = new FailingOnce();
        sender.Add(1, 2);
        await Assert.ThrowsAsync<HttpRequestException>(() => sender.FlushAsync());
        sender.Add(3);

        await sender.FlushAsync();

        // The failed batch again, the same array (a subclass's batch id stays with the same items), then the rest.
        Assert.Equal([[1, 2], [1, 2], [3]], sender.Sent.Select(b => b.ToArray()));
        Assert.Same(sender.Sent[0], sender.Sent[1]);
    }

    private sealed class FailingOnce() : BackgroundBatchSender<int>(maxBatchSize: 10, TimeSpan.FromHours(1))
    {
        public List<IReadOnlyList<int>> Sent { get; } = [];

        public void Add(params int[] items)
        {
            foreach (var item in items)
                Pending.Enqueue(item);
        }

        protected override Task SendAsync(IReadOnlyList<int> batch, CancellationToken ct)
        {
            Sent.Add(batch);
            return Sent.Count == 1 ? Task.FromException(new HttpRequestException("connection reset")) : Task.CompletedTask;
        }
    }
}
