using Platform.Contracts.Tracking;

namespace Platform.Silo.Tests.Store;

public abstract partial class TrackingStoreContractTests
{
    [Fact]
    public async Task Deleting_metrics_after_a_step_keeps_the_earlier_points_and_recomputes_the_latest_values()
    {
        var runId = await NewRunIdAsync();
        await Store.LogBatchAsync(runId,
        [
            new Metric("cost", 0.9, 100, 0), new Metric("cost", 0.5, 200, 1000), new Metric("cost", 0.3, 300, 2000),
            new Metric("accuracy", 0.7, 300, 2000), new Metric("lr", 0.1, 100, 0),
        ], [], []);

        var deleted = await Store.DeleteMetricsAfterStepAsync(runId, 1000);

        Assert.Equal(2, deleted);
        Assert.Equal([0L, 1000], (await Store.GetMetricHistoryAsync(runId, "cost")).Select(m => m.Step));
        Assert.Empty(await Store.GetMetricHistoryAsync(runId, "accuracy"));
        var latest = (await Store.GetRunAsync(runId))!.Data.Metrics.OrderBy(m => m.Key).ToArray();
        Assert.Equal([new Metric("cost", 0.5, 200, 1000), new Metric("lr", 0.1, 100, 0)], latest);
    }

    [Fact]
    public async Task Deleting_every_metric_of_a_run_leaves_no_latest_values_and_other_runs_untouched()
    {
        var runId = await NewRunIdAsync();
        var other = await NewRunIdAsync();
        await Store.LogBatchAsync(runId, [new Metric("loss", 1, 1, 1), new Metric("loss", 2, 2, 2)], [], []);
        await Store.LogBatchAsync(other, [new Metric("loss", 3, 3, 3)], [], []);

        Assert.Equal(2, await Store.DeleteMetricsAfterStepAsync(runId, null));
        Assert.Equal(0, await Store.DeleteMetricsAfterStepAsync(runId, null));

        Assert.Empty((await Store.GetRunAsync(runId))!.Data.Metrics);
        Assert.Single(await Store.GetMetricHistoryAsync(other, "loss"));
        Assert.Equal([new Metric("loss", 3, 3, 3)], (await Store.GetRunAsync(other))!.Data.Metrics);
    }
}
