using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;

namespace Platform.Silo.Tests.Store;

// Concurrent log-batches share transactions (group commit); downsampled histories are cached per series version.
public abstract partial class TrackingStoreContractTests
{
    [Fact]
    public async Task Concurrent_batches_commit_together_and_a_refused_one_fails_alone()
    {
        var exp = await NewExperimentAsync();
        var runs = new List<string>();
        for (var i = 0; i < 8; i++)
            runs.Add(await NewRunIdAsync(exp));
        await Store.LogBatchAsync(runs[3], [], [new Param("lr", "0.01")], []);
        await Store.DeleteRunAsync(runs[5]);

        // Repeated rounds so that, whatever the scheduling, good and refused batches land in the same groups.
        for (var round = 0; round < 5; round++)
        {
            var tasks = runs.Select((run, w) => Store.LogBatchAsync(run,
                Enumerable.Range(0, 200).Select(i => new Metric("m", w + i, 1000 + i, round * 200 + i)).ToList(),
                w == 3 ? [new Param("lr", "0.5")] : [], [new RunTag("round", round.ToString(System.Globalization.CultureInfo.InvariantCulture))])).ToList();
            var outcome = await Task.WhenAll(tasks.Select(async t =>
            {
                try
                {
                    await t;
                    return "ok";
                }
                catch (TrackingStoreException e)
                {
                    return e.ErrorCode;
                }
            }));
            Assert.Equal(["ok", "ok", "ok", ErrorCodes.InvalidParameterValue, "ok", ErrorCodes.InvalidParameterValue, "ok", "ok"], outcome);
        }

        for (var w = 0; w < 8; w++)
        {
            var count = (await Store.GetMetricSummariesAsync(runs[w])).Sum(s => s.Count);
            Assert.Equal(w is 3 or 5 ? 0 : 1000, count);
        }
        Assert.Equal("0.01", (await Store.GetRunAsync(runs[3]))!.Data.Param("lr"));
        Assert.Null((await Store.GetRunAsync(runs[3]))!.Data.Tag("round"));
        Assert.Equal("4", (await Store.GetRunAsync(runs[0]))!.Data.Tag("round"));
    }

    [Fact]
    public async Task Concurrent_appends_retries_and_overlapping_batches_store_each_point_once()
    {
        // Appending batches are written for their whole group at once; resent, overlapping and repeated points take the
        // conflict-skipping path. Eight writers in rounds put both kinds in the same groups.
        var exp = await NewExperimentAsync();
        var runs = new List<string>();
        for (var i = 0; i < 8; i++)
            runs.Add(await NewRunIdAsync(exp));
        static Metric Point(long s) => new(s % 2 == 0 ? "a" : "b", s * 0.5, 1000 + s, s);
        await Task.WhenAll(runs.Select(run => Task.Run(async () =>
        {
            for (var b = 0; b < 6; b++)
            {
                // Each batch after the first starts 50 steps behind the previous one's end.
                var batch = Enumerable.Range(Math.Max(0, b * 100 - 50), b == 0 ? 100 : 150).Select(s => Point(s)).ToList();
                if (b == 2)
                    batch.Add(batch[10]); // a point repeated within its batch
                await Store.LogBatchAsync(run, batch, [], []);
                if (b % 2 == 1)
                    await Store.LogBatchAsync(run, batch, [], []); // resent
                if (b == 4)
                    await Store.LogBatchAsync(run, [new Metric("a", -1, 5, 50)], [], []); // behind the latest: a new timestamp at step 50
            }
        })));

        var expectedA = Enumerable.Range(0, 600).Where(s => s % 2 == 0).Select(s => Point(s)).ToList();
        expectedA.Insert(25, new Metric("a", -1, 5, 50));
        var expectedB = Enumerable.Range(0, 600).Where(s => s % 2 == 1).Select(s => Point(s)).ToList();
        foreach (var run in runs)
        {
            Assert.Equal(expectedA, await Store.GetMetricHistoryAsync(run, "a"));
            Assert.Equal(expectedB, await Store.GetMetricHistoryAsync(run, "b"));
            Assert.Equal(601, (await Store.GetMetricSummariesAsync(run)).Sum(s => s.Count));
        }
    }

    [Fact]
    public async Task Downsampled_history_follows_every_batch_including_another_store_instances()
    {
        var runId = await NewRunIdAsync();
        Assert.Equal(0, (await Store.GetDownsampledMetricHistoryAsync(runId, "loss", 100)).TotalPoints);
        await Store.LogBatchAsync(runId, Enumerable.Range(0, 1000).Select(s => new Metric("loss", Math.Sin(s / 50.0), s, s)).ToList(), [], []);

        var first = await Store.GetDownsampledMetricHistoryAsync(runId, "loss", 100);
        Assert.Equal(1000, first.TotalPoints);
        Assert.Equal(100, first.Points.Count);
        Assert.Equal(Platform.Silo.Search.Lttb.Downsample(await Store.GetMetricHistoryAsync(runId, "loss"), 100), first.Points);
        Assert.Same(first, await Store.GetDownsampledMetricHistoryAsync(runId, "loss", 100));

        // A retried batch changes nothing; a new point extends the series.
        await Store.LogBatchAsync(runId, [new Metric("loss", Math.Sin(0), 0, 0)], [], []);
        Assert.Equal(1000, (await Store.GetDownsampledMetricHistoryAsync(runId, "loss", 100)).TotalPoints);
        await Store.LogBatchAsync(runId, [new Metric("loss", 5, 5000, 5000)], [], []);
        var extended = await Store.GetDownsampledMetricHistoryAsync(runId, "loss", 100);
        Assert.Equal(1001, extended.TotalPoints);
        Assert.Equal(new Metric("loss", 5, 5000, 5000), extended.Points[^1]);

        // Another store over the same database (another silo) logs a point: this store's cached series must not hide it.
        var other = await NewStoreAsync("contract");
        await other.LogBatchAsync(runId, [new Metric("loss", 7, 6000, 6000)], [], []);
        var seen = await Store.GetDownsampledMetricHistoryAsync(runId, "loss", 100);
        Assert.Equal(1002, seen.TotalPoints);
        Assert.Equal(new Metric("loss", 7, 6000, 6000), seen.Points[^1]);
    }
}
