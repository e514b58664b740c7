using Microsoft.Extensions.Logging;
using Platform.Contracts.Grains;
using Platform.Contracts.Sweeps;

namespace Platform.Workers.Agent;

/// <summary>
/// Keeps a running trial's lease and relays its sweep's metric: every <c>interval</c>, or sooner when the watched metric was
/// logged, it sends the values logged since the last call (at most one per step, the latest) or else a heartbeat. When the
/// trial grain answers stop (cancelled, pruned, lease lost) it cancels the job's token.
/// </summary>
internal sealed class TrialSupervisor : IAsyncDisposable
{
    private readonly ITrialGrain _trial;
    private readonly string _workerId;
    private readonly string? _watchMetric;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stopJob;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reported = new(0);
    private readonly CancellationTokenSource _done = new();
    private readonly List<TrialMetricReport> _pending = [];
    private readonly Task _loop;

    public TrialSupervisor(ITrialGrain trial, string workerId, string? watchMetric, TimeSpan interval, CancellationTokenSource stopJob, ILogger logger)
    {
        (_trial, _workerId, _watchMetric, _interval, _stopJob, _logger) = (trial, workerId, watchMetric, interval, stopJob, logger);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Why the platform stopped the trial, or null while it has not.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Called on the job's thread for every logged point; only the watched metric is kept.</summary>
    public void Observe(string key, double value, long step)
    {
        if (key != _watchMetric)
        {
            return;
        }

        lock (_pending)
        {
            if (_pending.Count > 0 && _pending[^1].Step == step)
            {
                _pending[^1] = _pending[^1] with { Value = value };
                return;
            }

            _pending.Add(new TrialMetricReport("", step, value));
        }

        _reported.Release();
    }

    public async ValueTask DisposeAsync()
    {
        await _done.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // the loop ends by cancellation
        }

        _done.Dispose();
        _reported.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_done.IsCancellationRequested)
        {
            await _reported.WaitAsync(_interval, _done.Token);
            TrialMetricReport[] reports;
            lock (_pending)
            {
                reports = [.. _pending];
                _pending.Clear();
            }

            try
            {
                var directive = reports.Length > 0 ? await _trial.ReportMetrics(_workerId, reports) : await _trial.Heartbeat(_workerId);
                if (directive.Stop)
                {
                    StopReason = directive.Reason ?? "stopped by the platform";
                    await _stopJob.CancelAsync();
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The silo may be restarting: keep training; an expired lease will say stop once it is back.
                _logger.LogWarning("Heartbeat of {Trial} failed: {Message}", _trial.GetPrimaryKeyString(), e.Message);
            }
        }
    }
}
