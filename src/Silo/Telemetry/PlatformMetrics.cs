using System.Diagnostics.Metrics;
using Platform.Contracts.Tracking;
using Platform.ServiceDefaults;
using Platform.Silo.Grains;
using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Telemetry;

/// <summary>
/// The platform's instruments (meter <see cref="TelemetryMeters.Platform"/>), one instance per host. Every series is what this
/// silo saw, so summing over silos gives the cluster's figure: each grain activation lives on exactly one silo.
/// </summary>
public sealed class PlatformMetrics
{
    private readonly Counter<long> _grainCalls;
    private readonly Counter<long> _metricPoints;
    private readonly UpDownCounter<long> _trialsActive;
    private readonly Counter<long> _trialsEnded;
    private volatile Func<int>? _schedulerQueueLength;

    public PlatformMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(TelemetryMeters.Platform);
        _grainCalls = meter.CreateCounter<long>("platform.grain.calls", "{call}", "Grain calls received, by grain type and method.");
        _metricPoints = meter.CreateCounter<long>("platform.metric_points.ingested", "{point}",
            "Metric points accepted by log-batch and log-metric (the store skips exact duplicates of a retried batch).");
        _trialsActive = meter.CreateUpDownCounter<long>("platform.trials.active", "{trial}",
            "Trials in each unfinished state (queued, leased, running, paused) among this silo's trial activations.");
        _trialsEnded = meter.CreateCounter<long>("platform.trials.ended", "{trial}", "Trials that reached each terminal state.");
        meter.CreateObservableGauge("platform.scheduler.queue_length", ObserveQueueLength, "{trial}",
            "Trials waiting in the scheduler's queue; reported by the silo that hosts the scheduler grain.");
    }

    public void GrainCalled(string grain, string method) =>
        _grainCalls.Add(1, new KeyValuePair<string, object?>("grain", grain), new KeyValuePair<string, object?>("method", method));

    public void MetricPointsIngested(int count)
    {
        if (count > 0)
        {
            _metricPoints.Add(count);
        }
    }

    /// <summary>
    /// A trial activation's state changed from <paramref name="from"/> (null: not counted yet) to <paramref name="to"/>. A trial
    /// loaded in a terminal state is not counted again: it ended before this activation.
    /// </summary>
    public void TrialStateChanged(TrialState? from, TrialState to)
    {
        if (from == to)
        {
            return;
        }

        if (from is { } previous && !IsTerminal(previous))
        {
            _trialsActive.Add(-1, StateTag(previous));
        }

        if (!IsTerminal(to))
        {
            _trialsActive.Add(1, StateTag(to));
        }
        else if (from is { } before && !IsTerminal(before))
        {
            _trialsEnded.Add(1, StateTag(to));
        }
    }

    /// <summary>A trial activation went away: its unfinished state is no longer this silo's to count.</summary>
    public void TrialDeactivated(TrialState? state)
    {
        if (state is { } current && !IsTerminal(current))
        {
            _trialsActive.Add(-1, StateTag(current));
        }
    }

    /// <summary>The scheduler grain's activation registers its queue; disposing the result (on deactivation) stops reporting it.</summary>
    public IDisposable ObserveSchedulerQueue(Func<int> queueLength)
    {
        _schedulerQueueLength = queueLength;
        return new Unregister(() => Interlocked.CompareExchange(ref _schedulerQueueLength, null, queueLength));
    }

    private IEnumerable<Measurement<int>> ObserveQueueLength() =>
        _schedulerQueueLength is { } queueLength ? [new Measurement<int>(queueLength())] : [];

    private static bool IsTerminal(TrialState state) => TrialStatusMapping.ToRunStatus(state).IsTerminal();

    private static KeyValuePair<string, object?> StateTag(TrialState state) => new("state", state.ToString().ToLowerInvariant());

    private sealed class Unregister(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
