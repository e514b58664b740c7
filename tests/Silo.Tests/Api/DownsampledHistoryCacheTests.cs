using Platform.Contracts.Tracking;
using Platform.Silo.Api;
using Platform.Silo.Store;
using Platform.Silo.Store.Sqlite;

namespace Platform.Silo.Tests.Api;

public sealed class DownsampledHistoryCacheTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "platform-cache-" + Guid.NewGuid().ToString("N")[..12]);
    private SqliteTrackingStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteTrackingStore(Path.Combine(_dir, "t.db"));
        await _store.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_history_is_read_again_only_once_its_latest_point_moved()
    {
        var experiment = await _store.CreateExperimentAsync("e");
        var runId = (await _store.CreateRunAsync(new NewRun(experiment, null, null, 1, RunStatus.RUNNING, []))).RunId;
        await _store.LogBatchAsync(runId, Enumerable.Range(0, 1000).Select(i => new Metric("loss", 1.0 / (i + 1), i, i)).ToArray(), [], []);
        var cache = new DownsampledHistoryCache();

        var first = await cache.GetAsync(_store, (await _store.GetRunAsync(runId))!, "loss", 50, [], default);
        var again = await cache.GetAsync(_store, (await _store.GetRunAsync(runId))!, "loss", 50, [], default);
        Assert.Equal((1000, 50), (first.TotalPoints, first.Points.Count));
        Assert.Same(first, again);
        Assert.Equal(1, cache.Loads);

        await _store.LogBatchAsync(runId, [new Metric("loss", 0.0001, 1000, 1000)], [], []);
        var moved = await cache.GetAsync(_store, (await _store.GetRunAsync(runId))!, "loss", 50, [], default);
        Assert.Equal(2, cache.Loads);
        Assert.Equal((1001, 1000L), (moved.TotalPoints, moved.Points[^1].Step));
    }

    [Fact]
    public void Reduce_keeps_the_first_finite_point_at_or_after_each_rung()
    {
        var full = Enumerable.Range(0, 500).Select(i => new Metric("m", i == 27 ? double.NaN : Math.Sin(i), i, i)).ToArray();

        var spec = new Platform.Contracts.Sweeps.EarlyTerminateSpec("hyperband", 27, null, null, 3, false, 1);
        var reduced = DownsampledHistoryCache.Reduce(full, 20, Platform.Silo.Sweeps.Stopping.HyperbandRungs.FromWandb(spec));

        // LTTB alone would not keep these (27 itself is NaN); rungs from 729 on were never reached.
        Assert.Contains(reduced, m => m.Step == 28);
        Assert.Contains(reduced, m => m.Step == 81);
        Assert.Contains(reduced, m => m.Step == 243);
        Assert.InRange(reduced.Count, 20, 23);
        Assert.Equal(reduced.OrderBy(m => m.Step).Select(m => m.Step), reduced.Select(m => m.Step));
        var trial = new TrialRecord("r", "s", 0, "Running", 0, "{}", 0);
        var fromFull = SweepDetailsBuilder.Rungs(spec, [new(trial, null, full)]);
        var fromReduced = SweepDetailsBuilder.Rungs(spec, [new(trial, null, reduced)]);
        Assert.Equal(3, fromFull.Trials[0].Reached.Count);
        Assert.Equal(fromFull.Trials[0].Reached, fromReduced.Trials[0].Reached);
    }
}
