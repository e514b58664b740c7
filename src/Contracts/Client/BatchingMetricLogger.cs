using Platform.Contracts.Tracking;

namespace Platform.Contracts.Client;

/// <summary>
/// Logs metric points for one run without blocking the caller: <see cref="Log"/> enqueues, a background loop ships batches
/// through runs/log-batch (at most 1000 points each, MLflow's limit). A failed batch is retried as is: the store skips points it
/// already holds, so a retry never duplicates. <see cref="BackgroundBatchSender{T}.DisposeAsync"/> flushes everything.
/// </summary>
public sealed class BatchingMetricLogger(TrackingClient client, string runId, TimeSpan? flushInterval = null)
    : BackgroundBatchSender<Metric>(MaxBatchSize, flushInterval)
{
    public const int MaxBatchSize = 1000;

    public void Log(string key, double value, long step) =>
        Pending.Enqueue(new Metric(key, value, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), step));

    // Re-sent while the API cannot take it (TransientRetry); the store skips identical points, so a batch that did land is not
    // stored twice.
    protected override Task SendAsync(IReadOnlyList<Metric> batch, CancellationToken ct) =>
        TransientRetry.RunAsync(c => client.LogBatchAsync(runId, metrics: batch, ct: c), ct);
}
