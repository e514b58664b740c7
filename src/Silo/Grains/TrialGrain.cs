using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Platform.Contracts.Grains;
using Platform.Contracts.Sweeps;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;
using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Grains;

/// <summary>
/// One trial, keyed by its run id: the <see cref="TrialLifecycle"/> state machine over a lease. The state lives in the store
/// (table <c>trials</c>, plus the run's status) and is written through on every transition.
/// Reentrant so that the sweep, the scheduler and workers can never deadlock on it: every method applies its transition to
/// the in-memory state before its first await, and <see cref="PersistAsync"/> always writes the latest state.
/// </summary>
[Reentrant]
public sealed partial class TrialGrain(ITrackingStore store, IGrainFactory grains, IServiceProvider services, ILogger<TrialGrain> logger)
    : Grain, ITrialGrain
{
    private readonly TrialLifecycle _lifecycle = new(services.GetService<RetryPolicy>() ?? RetryPolicy.Default);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private TrialSpec? _spec;

    /// <summary>The spec as stored in the trial row, serialized once: every transition writes it.</summary>
    private string? _specJson;
    private string? _experimentId;
    private TrialLifecycleState _state = TrialLifecycleState.Queued;

    /// <summary>The state last written to the run's log (null: none yet), so each transition is logged once.</summary>
    private TrialLifecycleState? _loggedState;
    private string? _stopReason;
    private bool _endHandled;

    /// <summary>True until a live event touches the trial: its held state came from the store, so its lease died with the old silo.</summary>
    private bool _onlyLoaded;
    private IGrainTimer? _leaseTimer;

    /// <summary>The run status last written (null: unknown), so a transition that keeps it (queued → leased) writes only the trial row.</summary>
    private RunStatus? _storedRunStatus;

    /// <summary>True from <see cref="Start"/> until the first attempt runs: nothing can have logged points for this run yet.</summary>
    private bool _neverRan;

    private string RunId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        if (await store.GetTrialAsync(RunId, ct) is { } stored)
        {
            _spec = JsonSerializer.Deserialize<TrialSpec>(stored.SpecJson);
            _specJson = stored.SpecJson;
            _state = new TrialLifecycleState(Enum.Parse<TrialState>(stored.State), (int)stored.Retries);
            _loggedState = _state;
            _experimentId = (await store.GetRunAsync(RunId, ct))?.Info.ExperimentId;
            _endHandled = _state.IsTerminal;
            _onlyLoaded = true;
            CountState(_state.State);
        }
    }

    public async Task<string> Start(TrialSpec spec)
    {
        if (_spec is not null)
        {
            return _experimentId!; // a retried Start: the run is already created and queued
        }

        var experimentId = await Create(spec);
        await Queue();
        return experimentId;
    }

    public async Task Queue()
    {
        if (_state.State == TrialState.Queued && _spec is not null)
        {
            await EnqueueAsync();
            logger.LogInformation("Trial {RunId} of {Assignment} queued", RunId, _spec.Assignment);
        }
    }

    public async Task<string> Create(TrialSpec spec)
    {
        if (_spec is not null)
        {
            return _experimentId!; // a retried Create: the run is already created
        }

        _spec = spec;
        _onlyLoaded = false;
        _neverRan = true;
        _experimentId = await store.GetOrCreateExperimentAsync(spec.ExperimentName);
        var tags = new List<RunTag> { new(PlatformTags.Assignment, spec.Assignment) };
        if (spec.SweepId is not null)
        {
            tags.Add(new RunTag(PlatformTags.SweepId, spec.SweepId));
        }

        // Run, params, trial row and the "queued" log line in one write: the run is created SCHEDULED, as a queued trial's is.
        _storedRunStatus = RunStatus.SCHEDULED;
        try
        {
            await PersistAsync(newRun: new NewRun(_experimentId, RunId, spec.RunName, Now(), RunStatus.SCHEDULED, tags),
                @params: spec.Params.Select(p => new Param(p.Key, p.Value)).ToArray());
        }
        catch
        {
            (_spec, _specJson) = (null, null); // nothing was stored: a retried Start must create the run, not return as if it had
            _storedRunStatus = null;
            throw;
        }

        return _experimentId;
    }

    public Task<TrialLease?> TryLease(string workerId)
    {
        if (_spec is null || _experimentId is null)
        {
            return Task.FromResult<TrialLease?>(null);
        }

        var now = DateTimeOffset.UtcNow;
        var leased = _lifecycle.Lease(_state, workerId, now);
        if (leased.Outcome != TransitionOutcome.Applied)
        {
            // Rejected: cancelled, paused or backing off meanwhile; whoever changed it queues it again when due. Ignored: already
            // leased to this worker, offered again by a stale queue entry (an Enqueue sent while it was queued that arrived
            // after its lease): the worker runs it already, and a second lease would start it twice.
            return Task.FromResult<TrialLease?>(null);
        }

        _state = leased.State;
        _onlyLoaded = false;
        CountState(_state.State); // counted although not written through (below)
        StartLeaseTimer();
        // Not written through: a lease lives in this grain, and a restart treats a trial stored as queued exactly as one stored
        // as leased (queued again at once, no retry counted); the run shows SCHEDULED either way. One write less per trial.
        return Task.FromResult<TrialLease?>(new TrialLease(_spec, _experimentId, _state.LeaseExpiresAt ?? now));
    }

    public async Task<TrialDirective> MarkRunning(string workerId)
    {
        AdoptOrphanedLease(workerId);
        var started = _lifecycle.Start(_state, workerId, DateTimeOffset.UtcNow);
        if (started.Outcome == TransitionOutcome.Rejected)
        {
            return Stop(started.Reason);
        }

        _state = started.State;
        var ranBefore = !_neverRan;
        _neverRan = false;
        await PersistAsync(tags: [new RunTag(PlatformTags.Worker, workerId)]);
        if (ranBefore)
        {
            await KeepPointsUpToCheckpointAsync();
        }

        return TrialDirective.Continue;
    }

    /// <summary>
    /// A trial that runs again (re-queued, or recovered after a restart) resumes after its latest checkpoint, or from the
    /// start without one: the points its earlier attempts logged after that step go, so the new attempt logs them once.
    /// </summary>
    private async Task KeepPointsUpToCheckpointAsync()
    {
        var run = await store.GetRunAsync(RunId);
        long? checkpointStep = long.TryParse(run?.Data.Tag(TrialTags.CheckpointStep), System.Globalization.CultureInfo.InvariantCulture, out var step) ? step : null;
        var deleted = await store.DeleteMetricsAfterStepAsync(RunId, checkpointStep);
        if (deleted > 0)
        {
            logger.LogInformation("Trial {RunId} runs again after {Step}: dropped {Count} metric points its earlier attempt logged after it",
                RunId, checkpointStep?.ToString() ?? "no checkpoint", deleted);
        }
    }

    public Task<TrialDirective> Heartbeat(string workerId) => Task.FromResult(Renew(workerId));

    public async Task<TrialDirective> ReportMetrics(string workerId, TrialMetricReport[] reports)
    {
        var directive = Renew(workerId);
        if (directive.Stop || _spec?.SweepId is not { } sweepId || reports.Length == 0)
        {
            return directive;
        }

        // The sweep only decides; the trial prunes itself once the sweep's turn is over, since pruning tells the sweep.
        if (await grains.GetGrain<ISweepGrain>(sweepId).ReportMetrics(RunId, reports) is not { } reason)
        {
            return directive;
        }

        await Prune(reason);
        return Stop(reason);
    }

    public async Task Complete(string workerId, TrialOutcome outcome)
    {
        if (!outcome.Status.IsTerminal())
        {
            throw new ArgumentException($"a trial cannot complete as {outcome.Status}", nameof(outcome));
        }

        AdoptOrphanedLease(workerId);
        var now = DateTimeOffset.UtcNow;
        var transition = outcome.Status switch
        {
            RunStatus.FINISHED => _lifecycle.Finish(_state, workerId),
            RunStatus.KILLED when !outcome.Retryable => _state.IsTerminal ? _lifecycle.Cancel(_state) : _lifecycle.Fail(_state, workerId, outcome.Error ?? "killed on the worker", false, now),
            _ => _lifecycle.Fail(_state, workerId, outcome.Error ?? outcome.Status.ToString(), outcome.Retryable, now),
        };
        if (!transition.Applied)
        {
            if (_state.IsTerminal && !_endHandled)
            {
                await EndAsync(outcome.Error); // the first report's ending was cut short (the store was down): the worker's retry finishes it
            }

            return; // a duplicate or late report (the trial ended or was re-queued meanwhile): the first one counted
        }

        _state = transition.State;
        await AfterTransitionAsync(outcome.Error);
    }

    public async Task<string?> Cancel()
    {
        var cancelled = _lifecycle.Cancel(_state);
        if (cancelled.Applied)
        {
            _stopReason = "cancelled";
            _state = cancelled.State;
            await AfterTransitionAsync(null);
        }

        return cancelled.Outcome == TransitionOutcome.Rejected ? cancelled.Reason : null;
    }

    public async Task Prune(string reason)
    {
        var pruned = _lifecycle.Prune(_state, reason);
        if (pruned.Applied)
        {
            _stopReason = reason;
            _state = pruned.State;
            await AfterTransitionAsync(null);
        }
    }

    public async Task Pause()
    {
        // Only a waiting trial is held back: a running one runs on (W&B's pause stops new runs, not running ones).
        if (_state.State == TrialState.Queued)
        {
            _state = _lifecycle.Pause(_state).State;
            await PersistAsync();
        }
    }

    public async Task Resume()
    {
        var resumed = _lifecycle.Resume(_state);
        if (resumed.Applied)
        {
            _state = resumed.State;
            await PersistAsync();
            await EnqueueAsync();
        }
    }

    public async Task Recover()
    {
        if (_spec is null || _state.IsTerminal)
        {
            return;
        }

        if (_state.IsHeld && _onlyLoaded)
        {
            // In a cluster only this grain's silo may have gone: its worker then reports within a heartbeat or two and keeps
            // the trial (AdoptOrphanedLease). Re-queue only if none has by the end of the window.
            _reclaimTimer ??= this.RegisterGrainTimer(RequeueUnclaimedAsync,
                new GrainTimerCreationOptions(ReclaimWindow, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
            return;
        }

        _onlyLoaded = false;
        await EnqueueAsync(); // also refills a scheduler that lost its queue; the scheduler ignores a trial it already holds
    }

    public Task<RunStatus> GetStatus() => Task.FromResult(TrialStatusMapping.ToRunStatus(_state.State));

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private TrialDirective Stop(string? reason) => new(true, _stopReason ?? reason ?? "the trial is no longer leased to this worker");
}
