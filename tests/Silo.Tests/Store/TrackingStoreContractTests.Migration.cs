using Platform.Contracts.Tracking;
using Platform.Silo.Store;
using Platform.Silo.Store.Sql;

namespace Platform.Silo.Tests.Store;

// Migration 9 moves metric points from (run_id, key) to an integer series id: data logged before it must read the same after it.
public abstract partial class TrackingStoreContractTests
{
    [Fact]
    public async Task Migration_9_keeps_points_latest_values_and_dedup_of_series_logged_before_it()
    {
        var store = (SqlTrackingStore)await NewStoreAsync("migration9");
        await store.MigrateAsync(8, CancellationToken.None);
        var run = (await store.CreateRunAsync(new NewRun(await store.CreateExperimentAsync(Unique("exp")), null, null, 1, RunStatus.RUNNING, []))).RunId;
        const string insertPoint =
            "INSERT INTO metrics (run_id, key, timestamp, step, value, is_nan) VALUES (@run, @key, @timestamp, @step, @value, @isNan)";
        foreach (var (key, step, timestamp, value, isNan) in new[]
                 {
                     ("loss", 2L, 12L, 0.5, false), ("loss", 0L, 10L, 1.0, false), ("loss", 1L, 11L, 0.0, true),
                     // A series without its latest row (not written by the store, but possible in old data): it gets one.
                     ("orphan", 7L, 1L, 3.0, false), ("orphan", 5L, 1L, 2.0, false),
                 })
        {
            await store.ExecuteSqlAsync(insertPoint, new { run, key, timestamp, step, value, isNan });
        }
        await store.ExecuteSqlAsync(
            "INSERT INTO latest_metrics (run_id, key, timestamp, step, value, is_nan, history_version) VALUES (@run, 'loss', 12, 2, 0.5, @isNan, 3)",
            new { run, isNan = false });

        await store.MigrateAsync();

        var loss = await store.GetMetricHistoryAsync(run, "loss");
        Assert.Equal([0L, 1L, 2L], loss.Select(m => m.Step));
        Assert.Equal([1.0, double.NaN, 0.5], loss.Select(m => m.Value));
        var summaries = (await store.GetMetricSummariesAsync(run)).ToDictionary(s => s.Key);
        Assert.Equal(new Metric("loss", 0.5, 12, 2), summaries["loss"].Last);
        Assert.Equal((0.5, 1.0, 3L), (summaries["loss"].Min, summaries["loss"].Max, summaries["loss"].Count));
        Assert.Equal(new Metric("orphan", 3.0, 1, 7), summaries["orphan"].Last);
        Assert.Equal(2, summaries["orphan"].Count);

        // A point logged again after the migration is still the same point; a new greatest one becomes the latest value.
        await store.LogBatchAsync(run, [new Metric("loss", 1.0, 10, 0), new Metric("loss", 0.25, 13, 3)], [], []);
        var after = await store.GetMetricHistoryAsync(run, "loss");
        Assert.Equal([0L, 1L, 2L, 3L], after.Select(m => m.Step));
        Assert.Equal(new Metric("loss", 0.25, 13, 3), (await store.GetMetricSummariesAsync(run)).Single(s => s.Key == "loss").Last);
    }
}
