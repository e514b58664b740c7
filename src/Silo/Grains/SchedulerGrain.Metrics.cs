using Microsoft.Extensions.DependencyInjection;
using Platform.Silo.Telemetry;

namespace Platform.Silo.Grains;

/// <summary>The queue length gauge: reported by the silo where the scheduler is active, for as long as it is.</summary>
public sealed partial class SchedulerGrain
{
    private IDisposable? _queueGauge;

    // The gauge reads the count from the metrics collector's thread: a single int field, so a read during a turn is merely stale.
    private void ReportQueueLength() =>
        _queueGauge = ServiceProvider.GetService<PlatformMetrics>()?.ObserveSchedulerQueue(() => _queue.Count);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct)
    {
        _queueGauge?.Dispose();
        return base.OnDeactivateAsync(reason, ct);
    }
}
