using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Assignments.Sleep;
using Platform.Workers.Data;
using Platform.Workers.Jobs;

namespace Platform.Workers.Tests.Jobs;

public sealed class SleepJobTests
{
    [Fact]
    public void Logs_a_straight_line_loss_at_each_step()
    {
        var sink = new ListSink();
        new SleepJob().Run(Context(sink, new() { ["steps"] = "4", ["metric"] = "2", ["slope"] = "-0.5" }, CancellationToken.None));

        Assert.Equal([("loss", 1.5, 1L), ("loss", 1.0, 2L), ("loss", 0.5, 3L), ("loss", 0.0, 4L)], sink.Points);
    }

    [Fact]
    public void A_cancelled_token_stops_it_inside_a_step()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var sink = new ListSink();
        var started = DateTime.UtcNow;

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new SleepJob().Run(Context(sink, new() { ["duration_ms"] = "60000", ["steps"] = "2" }, cts.Token)));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.Empty(sink.Points);
    }

    private static JobContext Context(IMetricSink sink, Dictionary<string, string> values, CancellationToken ct) => new()
    {
        Hyperparameters = HyperparameterBinder.Bind(SleepAssignment.Descriptor, values),
        Data = DataDirectory.Resolve("/nonexistent"),
        Metrics = sink,
        Cancellation = ct,
    };

    private sealed class ListSink : IMetricSink
    {
        public List<(string, double, long)> Points { get; } = [];

        public void Log(string key, double value, long step) => Points.Add((key, value, step));
    }
}
