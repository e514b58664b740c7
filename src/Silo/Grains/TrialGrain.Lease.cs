using Microsoft.Extensions.Logging;
using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;
using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Grains;

/// <summary>The lease timer, re-queueing with backoff, and writing the state through to the store.</summary>
public sealed partial class TrialGrain
{
    /// <summary>A heartbeat or report from the lease holder: renews the lease, or tells a worker that lost it to stop.</summary>
    private TrialDirective Renew(string workerId)
    {
        AdoptOrphanedLease(workerId);
        var renewed = _lifecycle.Heartbeat(_state, workerId, DateTimeOffset.UtcNow);
        if (!renewed.Applied)
        {
            return Stop(renewed.Reason);
        }

        _state = renewed.State;
        _onlyLoaded = false;
        _ = grains.GetGrain<ISchedulerGrain>(0).WorkerSeen(workerId); // one-way: the cluster view's last heartbeat
        return TrialDirective.Continue;
    }

    /// <summary>How long a recovered held trial waits for its worker to report before it is queued again (heartbeats come every 0.5 s).</summary>
    internal static readonly TimeSpan ReclaimWindow = TimeSpan.FromSeconds(3);

    private IGrainTimer? _reclaimTimer;

    /// <summary>
    /// A held trial whose grain was activated again from the store (its silo died or left the cluster) knows no lease holder:
    /// the store keeps the state, not the worker. The first worker that reports for it is the one holding it (a lease is
    /// exclusive, and a re-queue would have ended the held state), so the trial adopts that worker with a fresh lease instead
    /// of stopping a healthy training.
    /// </summary>
    private void AdoptOrphanedLease(string workerId)
    {
        if (_onlyLoaded && _state.IsHeld && _state.WorkerId is null)
        {
            _state = _state with { WorkerId = workerId, LeaseExpiresAt = DateTimeOffset.UtcNow + _lifecycle.Policy.LeaseDuration };
            _onlyLoaded = false;
            StartLeaseTimer();
            logger.LogInformation("Trial {RunId}: kept by worker {WorkerId} after its grain moved", RunId, workerId);
        }
    }

    /// <summary>The end of <see cref="ReclaimWindow"/>: no worker claimed the trial, so its lease died with the previous platform.</summary>
    private async Task RequeueUnclaimedAsync(CancellationToken ct)
    {
        _reclaimTimer?.Dispose();
        _reclaimTimer = null;
        if (!_onlyLoaded || !_state.IsHeld)
        {
            return; // claimed by its worker, or ended meanwhile
        }

        // Not the trial's fault, so no retry is counted and there is no backoff.
        _state = new TrialLifecycleState(TrialState.Queued, _state.Retries, Error: "re-queued after a platform restart");
        _onlyLoaded = false;
        await PersistAsync();
        await EnqueueAsync();
    }

    private void StartLeaseTimer()
    {
        // Checked several times per lease so an expired one is noticed within a quarter of its duration.
        var period = TimeSpan.FromTicks(Math.Max(_lifecycle.Policy.LeaseDuration.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks));
        _leaseTimer ??= this.RegisterGrainTimer(CheckLeaseAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true, Interleave = true });
    }

    private async Task CheckLeaseAsync(CancellationToken ct)
    {
        var expired = _lifecycle.ExpireLease(_state, DateTimeOffset.UtcNow);
        if (expired.Applied)
        {
            logger.LogWarning("Trial {RunId}: {Reason}", RunId, expired.State.Error);
            _state = expired.State;
            await AfterTransitionAsync(expired.State.Error);
        }
    }

    /// <summary>After a transition already applied in memory: ends the trial (sweep first, then the run) or queues it again.</summary>
    private async Task AfterTransitionAsync(string? error)
    {
        if (!_state.IsHeld)
        {
            _leaseTimer?.Dispose();
            _leaseTimer = null;
            await grains.GetGrain<ISchedulerGrain>(0).Release(RunId); // what it held on its worker is free again
        }

        if (_state.IsTerminal)
        {
            await EndAsync(error);
            return;
        }

        try
        {
            await PersistAsync();
        }
        finally
        {
            // Queued even when the store is briefly down: this activation holds the truth, and its next write stores it.
            await RequeueIfQueuedAsync();
        }
    }

    private async Task RequeueIfQueuedAsync()
    {
        if (_state.State == TrialState.Queued)
        {
            var wait = _state.NotBefore is { } notBefore ? notBefore - DateTimeOffset.UtcNow : TimeSpan.Zero;
            if (wait > TimeSpan.Zero)
            {
                this.RegisterGrainTimer(_ => EnqueueAsync(), new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true, Interleave = true });
            }
            else
            {
                await EnqueueAsync();
            }
        }
    }

    private async Task EndAsync(string? error)
    {
        if (_endHandled)
        {
            return;
        }

        _endHandled = true;
        try
        {
            await WriteEndAsync(error);
        }
        catch
        {
            _endHandled = false; // a store or sweep failure: the worker reports again and the ending is redone (every step is idempotent)
            throw;
        }
    }

    private async Task WriteEndAsync(string? error)
    {
        var tags = new List<RunTag>();
        // A finished trial may remember a lost lease in its state; only a failure is worth an error tag.
        if (_state.State == TrialState.Failed && (error ?? _state.Error) is { } reason)
        {
            tags.Add(new RunTag(PlatformTags.Error, reason));
        }
        else if (_state.State == TrialState.Pruned && _state.Error is { } pruneReason)
        {
            tags.Add(new RunTag(TrialTags.PruneReason, pruneReason));
        }

        if (TrialStatusMapping.OutcomeTag(_state.State) is { } outcome)
        {
            tags.Add(new RunTag(TrialTags.Outcome, outcome));
        }

        // Order matters to observers: the trial row with the tags (the sweep counts its trials from these rows), then the sweep,
        // then the run's status last, so anyone who sees every run of a sweep ended also sees the sweep's final state and counts.
        // A single run has no sweep to tell: all of it is one write.
        if (_spec?.SweepId is { } sweepId)
        {
            await PersistAsync(withRunStatus: false, tags: tags);
            await grains.GetGrain<ISweepGrain>(sweepId).TrialCompleted(RunId, TrialStatusMapping.ToRunStatus(_state.State));
            await PersistAsync();
        }
        else
        {
            await PersistAsync(tags: tags);
        }

        logger.LogInformation("Trial {RunId} ended {State}", RunId, _state.State);
        // An ended trial has nothing left to do in memory: a late report activates it again from its stored terminal state.
        // Without this, every finished trial of a long sweep would stay resident until Orleans' idle collection.
        DeactivateOnIdle();
    }

    private Task EnqueueAsync() =>
        _state.State == TrialState.Queued && _spec is not null && _experimentId is not null
            ? grains.GetGrain<ISchedulerGrain>(0).Enqueue(_spec, _experimentId)
            : Task.CompletedTask;

    /// <summary>
    /// Writes the current state (taken under the lock, so concurrent writers never leave an older state last) with whatever the
    /// transition adds (the run at submission, tags) and its lifecycle log line, as one write that shares its transaction with
    /// other trials' (group commit). The transition is durable when this returns.
    /// </summary>
    private async Task PersistAsync(bool withRunStatus = true, NewRun? newRun = null, IReadOnlyList<Param>? @params = null, IReadOnlyList<RunTag>? tags = null)
    {
        if (_spec is null)
        {
            return;
        }

        await _writeLock.WaitAsync();
        try
        {
            var state = _state;
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var status = TrialStatusMapping.ToRunStatus(state.State);
            RunStatus? newStatus = withRunStatus && status != _storedRunStatus ? status : null;
            var line = TrialLifecycleLog.Describe(_loggedState, state);
            await store.WriteTrialAsync(new TrialWrite(
                new TrialRecord(RunId, _spec.SweepId, _spec.Index, state.State.ToString(), state.Retries, _specJson ??= System.Text.Json.JsonSerializer.Serialize(_spec), now),
                newRun, @params, tags, newStatus, newStatus?.IsTerminal() == true ? now : null,
                line is null ? null : new Platform.Contracts.Api.NewRunLogLine(now, line)));
            CountState(state.State);
            _loggedState = line is null ? _loggedState : state;
            _storedRunStatus = newStatus ?? _storedRunStatus;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
