using System.Collections.Concurrent;
using Platform.Workers.Jobs;

namespace Platform.Workers.Tests.Support;

/// <summary>Keeps every logged metric point in order, for assertions.</summary>
public sealed class RecordingMetricSink : IMetricSink
{
    private readonly ConcurrentQueue<MetricPoint> points = new();

    public IReadOnlyList<MetricPoint> Points => points.ToArray();

    public void Log(string key, double value, long step) => points.Enqueue(new MetricPoint(key, value, step));

    public IReadOnlyList<MetricPoint> For(string key) => Points.Where(p => p.Key == key).ToArray();

    public double Single(string key) => Assert.Single(For(key)).Value;

    /// <summary>The one value of <paramref name="key"/> logged at <paramref name="step"/> (for metrics logged periodically).</summary>
    public double At(string key, long step) => Assert.Single(For(key), p => p.Step == step).Value;
}

public sealed record MetricPoint(string Key, double Value, long Step);
