using Platform.Contracts.Api;
using Platform.Contracts.Tracking;

namespace Platform.Silo.Tests.Store;

public abstract partial class TrackingStoreContractTests
{
    [Fact]
    public async Task Log_batch_writes_metrics_params_and_tags()
    {
        var runId = await NewRunIdAsync();
        await Store.LogBatchAsync(runId,
            [new Metric("loss", 0.9, 100, 0), new Metric("loss", 0.4, 200, 1), new Metric("acc", 0.8, 200, 1)],
            [new Param("lr", "0.01"), new Param("layers", "3")],
            [new RunTag("note", "a")]);
        await Store.LogBatchAsync(runId, [], [], [new RunTag("note", "b")]);

        var data = (await Store.GetRunAsync(runId))!.Data;
        Assert.Equal([new Metric("acc", 0.8, 200, 1), new Metric("loss", 0.4, 200, 1)], data.Metrics.OrderBy(m => m.Key));
        Assert.Equal("0.01", data.Param("lr"));
        Assert.Equal("3", data.Param("layers"));
        Assert.Equal("b", data.Tag("note"));
    }

    [Fact]
    public async Task Param_is_write_once_and_a_conflicting_batch_writes_nothing()
    {
        var runId = await NewRunIdAsync();
        await Store.LogBatchAsync(runId, [], [new Param("lr", "0.01")], []);
        await Store.LogBatchAsync(runId, [], [new Param("lr", "0.01")], []); // the same value again is fine

        var ex = await ThrowsStoreError(ErrorCodes.InvalidParameterValue, () => Store.LogBatchAsync(runId,
            [new Metric("loss", 1, 1, 0)], [new Param("a_new", "1"), new Param("lr", "0.5")], [new RunTag("t", "v")]));
        Assert.Contains("lr", ex.Message);
        Assert.Contains("0.01", ex.Message);
        Assert.Contains("0.5", ex.Message);

        var data = (await Store.GetRunAsync(runId))!.Data;
        Assert.Equal([new Param("lr", "0.01")], data.Params);
        Assert.Empty(data.Metrics);
        Assert.Null(data.Tag("t"));
        Assert.Empty(await Store.GetMetricHistoryAsync(runId, "loss"));
    }

    [Fact]
    public async Task Identical_metric_point_is_stored_once()
    {
        var runId = await NewRunIdAsync();
        Metric[] batch = [new Metric("loss", 0.5, 100, 1), new Metric("loss", 0.5, 100, 1), new Metric("loss", 0.6, 100, 1)];
        await Store.LogBatchAsync(runId, batch, [], []);
        await Store.LogBatchAsync(runId, batch, [], []); // a retried batch

        var history = await Store.GetMetricHistoryAsync(runId, "loss");
        Assert.Equal([new Metric("loss", 0.5, 100, 1), new Metric("loss", 0.6, 100, 1)], history);
    }

    [Fact]
    public async Task Latest_metric_is_greatest_step_then_timestamp_then_value()
    {
        var runId = await NewRunIdAsync();
        async Task<Metric> Latest(params Metric[] points)
        {
            await Store.LogBatchAsync(runId, points, [], []);
            return (await Store.GetRunAsync(runId))!.Data.Metrics.Single();
        }

        Assert.Equal(new Metric("m", 1, 500, 2), await Latest(new Metric("m", 1, 500, 2), new Metric("m", 9, 900, 1)));
        // A later batch with an older step does not replace it, whatever its timestamp.
        Assert.Equal(new Metric("m", 1, 500, 2), await Latest(new Metric("m", 7, 9_999, 1)));
        // Same step, later timestamp wins; an earlier timestamp on that step does not.
        Assert.Equal(new Metric("m", 3, 600, 2), await Latest(new Metric("m", 3, 600, 2)));
        Assert.Equal(new Metric("m", 3, 600, 2), await Latest(new Metric("m", 8, 550, 2)));
        // Same step and timestamp: the greater value.
        Assert.Equal(new Metric("m", 4, 600, 2), await Latest(new Metric("m", 4, 600, 2), new Metric("m", 2, 600, 2)));
    }

    [Fact]
    public async Task NaN_and_infinities_round_trip()
    {
        var runId = await NewRunIdAsync();
        await Store.LogBatchAsync(runId,
            [new Metric("nan", double.NaN, 1, 0), new Metric("pinf", double.PositiveInfinity, 1, 0), new Metric("ninf", double.NegativeInfinity, 1, 0),
             new Metric("series", 1.5, 1, 0), new Metric("series", double.NaN, 2, 1), new Metric("series", double.PositiveInfinity, 3, 2),
             new Metric("series", double.NegativeInfinity, 4, 3)],
            [], []);
        await Store.LogBatchAsync(runId, [new Metric("nan", double.NaN, 1, 0)], [], []); // NaN point retried: still one

        var latest = (await Store.GetRunAsync(runId))!.Data;
        Assert.True(double.IsNaN(latest.LatestMetric("nan")!.Value));
        Assert.Equal(double.PositiveInfinity, latest.LatestMetric("pinf"));
        Assert.Equal(double.NegativeInfinity, latest.LatestMetric("ninf"));
        Assert.Equal(double.NegativeInfinity, latest.LatestMetric("series"));

        Assert.Single(await Store.GetMetricHistoryAsync(runId, "nan"));
        var series = (await Store.GetMetricHistoryAsync(runId, "series")).Select(m => m.Value).ToList();
        Assert.Equal(4, series.Count);
        Assert.Equal(1.5, series[0]);
        Assert.True(double.IsNaN(series[1]));
        Assert.Equal(double.PositiveInfinity, series[2]);
        Assert.Equal(double.NegativeInfinity, series[3]);
    }

    [Fact]
    public async Task History_is_ordered_by_step_then_timestamp()
    {
        var runId = await NewRunIdAsync();
        await Store.LogBatchAsync(runId,
            [new Metric("m", 3, 50, 2), new Metric("m", 1, 300, 0), new Metric("m", 2, 100, 1), new Metric("m", 4, 10, 1), new Metric("other", 0, 1, 0)],
            [], []);
        var history = await Store.GetMetricHistoryAsync(runId, "m");
        Assert.Equal([(0L, 300L), (1, 10), (1, 100), (2, 50)], history.Select(m => (m.Step, m.Timestamp)));
        Assert.Empty(await Store.GetMetricHistoryAsync(runId, "absent"));
    }

    [Fact]
    public async Task Concurrent_batches_on_one_run_lose_nothing()
    {
        const int tasks = 8, batchesPerTask = 10, pointsPerBatch = 5;
        var runId = await NewRunIdAsync();
        await Task.WhenAll(Enumerable.Range(0, tasks).Select(t => Task.Run(async () =>
        {
            for (var b = 0; b < batchesPerTask; b++)
            {
                var metrics = Enumerable.Range(0, pointsPerBatch)
                    .Select(p => new Metric("loss", t, 1_000 + b, (long)((t * batchesPerTask + b) * pointsPerBatch + p)))
                    .Append(new Metric($"task{t}", b, b, b))
                    .ToList();
                await Store.LogBatchAsync(runId, metrics, [new Param($"p{t}", "x"), new Param("shared", "same")], [new RunTag("last", $"{t}"), new RunTag($"t{t}", $"{b}")]);
            }
        })));

        var history = await Store.GetMetricHistoryAsync(runId, "loss");
        Assert.Equal(tasks * batchesPerTask * pointsPerBatch, history.Count);
        Assert.Equal(Enumerable.Range(0, history.Count).Select(i => (long)i), history.Select(m => m.Step));
        var data = (await Store.GetRunAsync(runId))!.Data;
        Assert.Equal(tasks * batchesPerTask * pointsPerBatch - 1, data.Metrics.Single(m => m.Key == "loss").Step);
        for (var t = 0; t < tasks; t++)
        {
            Assert.Equal(batchesPerTask - 1, data.LatestMetric($"task{t}"));
            Assert.Equal("x", data.Param($"p{t}"));
            Assert.Equal($"{batchesPerTask - 1}", data.Tag($"t{t}"));
        }
        Assert.Equal("same", data.Param("shared"));
    }
}
