using Platform.Contracts.Tracking;

namespace Platform.Silo.Tests.Store;

// Appended points are stored in chunks, points logged out of order one by one (migration 11): every read must see both as one
// history, and a retry must find a point in either.
public abstract partial class TrackingStoreContractTests
{
    private static List<Metric> Points(string key, int from, int count) =>
        Enumerable.Range(from, count).Select(s => new Metric(key, s / 10.0, 1000 + s, s)).ToList();

    [Fact]
    public async Task A_retried_batch_stores_nothing_again_whether_its_points_were_chunked_or_not()
    {
        var runId = await NewRunIdAsync();
        await Store.LogBatchAsync(runId, Points("loss", 0, 100), [], []);
        await Store.LogBatchAsync(runId, Points("loss", 0, 100), [], []);
        // Half retried, half new: behind the latest point, so the new half is stored point by point.
        await Store.LogBatchAsync(runId, Points("loss", 50, 100), [], []);
        await Store.LogBatchAsync(runId, Points("loss", 50, 100), [], []);
        await Store.LogBatchAsync(runId, Points("loss", 150, 10), [], []);

        Assert.Equal(Points("loss", 0, 160), await Store.GetMetricHistoryAsync(runId, "loss"));
        Assert.Equal(160, (await Store.GetMetricSummariesAsync(runId)).Single().Count);
    }

    [Fact]
    public async Task Summaries_pages_and_history_combine_chunked_points_with_points_logged_out_of_order()
    {
        var runId = await NewRunIdAsync();
        static Metric At(long step, double value) => new("m", value, 1000 + step, step);
        // Twenty appended points (a chunk) with a NaN and an infinity among them; then points behind the latest one (rows), and
        // a batch of one appended point and one behind.
        var chunked = Enumerable.Range(1, 20).Select(i => At(10 * i, i)).ToList();
        chunked[1] = At(20, double.NaN);
        chunked[2] = At(30, double.PositiveInfinity);
        await Store.LogBatchAsync(runId, chunked, [], []);
        await Store.LogBatchAsync(runId, [At(15, double.NegativeInfinity), At(25, double.NaN)], [], []);
        await Store.LogBatchAsync(runId, [At(210, 5), At(5, 1)], [], []);
        // A chunk of NaN points alone: no least or greatest value.
        await Store.LogBatchAsync(runId, Enumerable.Range(1, 16).Select(i => new Metric("nan-only", double.NaN, i, i)).ToList(), [], []);

        var expected = chunked.Concat([At(15, double.NegativeInfinity), At(25, double.NaN), At(210, 5), At(5, 1)]).OrderBy(m => m.Step).ToList();
        Assert.Equal(expected, await Store.GetMetricHistoryAsync(runId, "m"));

        var pages = new List<Metric>();
        string? token = null;
        do
        {
            var page = await Store.GetMetricHistoryPageAsync(runId, "m", 7, token);
            pages.AddRange(page.Metrics);
            token = page.NextPageToken;
        } while (token is not null);
        Assert.Equal(expected, pages);

        var summaries = (await Store.GetMetricSummariesAsync(runId)).ToDictionary(s => s.Key);
        Assert.Equal((double.NegativeInfinity, double.PositiveInfinity, 24L), (summaries["m"].Min!.Value, summaries["m"].Max!.Value, summaries["m"].Count));
        Assert.Equal(At(210, 5), summaries["m"].Last);
        Assert.Equal((null, null, 16L), (summaries["nan-only"].Min, summaries["nan-only"].Max, summaries["nan-only"].Count));
    }

    [Fact]
    public async Task A_batch_and_its_retry_in_flight_together_store_each_point_once()
    {
        // A client that timed out resends while the first send still waits in the queue: both can land in one group, where the
        // first one's appended points are not written yet when the retry looks for them.
        var exp = await NewExperimentAsync();
        var busy = new List<string>();
        for (var i = 0; i < 6; i++)
            busy.Add(await NewRunIdAsync(exp));
        var runId = await NewRunIdAsync(exp);
        for (var round = 0; round < 5; round++)
        {
            var batch = Points("loss", round * 100, 100);
            // Batches on other runs keep the writers busy, so the two sends queue together.
            var load = busy.Select(run => Store.LogBatchAsync(run, Points("m", round * 2000, 2000), [], [])).ToList();
            await Task.WhenAll([.. load, Store.LogBatchAsync(runId, batch, [], []), Store.LogBatchAsync(runId, batch, [], [])]);
        }

        Assert.Equal(Points("loss", 0, 500), await Store.GetMetricHistoryAsync(runId, "loss"));
        Assert.Equal(500, (await Store.GetMetricSummariesAsync(runId)).Single().Count);
    }
}
