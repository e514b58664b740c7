using Platform.Contracts.Tracking;
using Platform.Silo.Search;

namespace Platform.Silo.Tests.Store;

// Downsampled histories extend a cached series with only the new points while batches only append; anything else (a point
// behind the latest one, a retried batch, deleted points, another silo's batch) must give exactly what a full read gives.
public abstract partial class TrackingStoreContractTests
{
    [Fact]
    public async Task Downsampled_history_equals_a_full_read_after_appends_points_in_the_middle_retries_and_deletes()
    {
        var runId = await NewRunIdAsync();
        var other = await NewStoreAsync("contract");

        async Task AssertExact(int expectedCount)
        {
            var full = await Store.GetMetricHistoryAsync(runId, "loss");
            Assert.Equal(expectedCount, full.Count);
            foreach (var maxPoints in new[] { 50, 5000 })
            {
                var sampled = await Store.GetDownsampledMetricHistoryAsync(runId, "loss", maxPoints);
                Assert.Equal(expectedCount, sampled.TotalPoints);
                Assert.Equal(Lttb.Downsample(full, maxPoints), sampled.Points);
            }
        }

        await Store.LogBatchAsync(runId, Enumerable.Range(0, 500).Select(s => new Metric("loss", Math.Sin(s / 20.0), 1000 + s, 2 * s)).ToList(), [], []);
        await AssertExact(500);
        // Appends: read incrementally, including a NaN and a point equal in step to the last one but later in time.
        await Store.LogBatchAsync(runId, [new Metric("loss", double.NaN, 2000, 1000), new Metric("loss", 3, 2001, 1000)], [], []);
        await AssertExact(502);
        await Store.LogBatchAsync(runId, [new Metric("loss", -4, 3000, 1200)], [], []);
        await AssertExact(503);
        // A point behind the latest one (odd step in the middle) and one at the end, in one batch.
        await Store.LogBatchAsync(runId, [new Metric("loss", 9, 1500, 301), new Metric("loss", 1, 3001, 1300)], [], []);
        await AssertExact(505);
        // A retried batch stores nothing new; the next append is still exact.
        await Store.LogBatchAsync(runId, [new Metric("loss", 9, 1500, 301), new Metric("loss", 1, 3001, 1300)], [], []);
        await AssertExact(505);
        await Store.LogBatchAsync(runId, [new Metric("loss", 2, 3002, 1301)], [], []);
        await AssertExact(506);
        // Another store over the same database (another silo) writes in the middle and appends.
        await other.LogBatchAsync(runId, [new Metric("loss", -9, 1600, 303)], [], []);
        await AssertExact(507);
        await other.LogBatchAsync(runId, [new Metric("loss", 0.5, 4000, 1400)], [], []);
        await AssertExact(508);
        // Deleted points (a resumed trial truncating its history), then appends after the new end.
        await Store.DeleteMetricsAfterStepAsync(runId, 600);
        await AssertExact(303);
        await Store.LogBatchAsync(runId, [new Metric("loss", 8, 5000, 601)], [], []);
        await AssertExact(304);
    }
}
