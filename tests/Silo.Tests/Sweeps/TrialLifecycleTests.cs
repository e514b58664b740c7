using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Tests.Sweeps;

public sealed class TrialLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RetryPolicy Policy = new(TimeSpan.FromSeconds(30), MaxRetries: 2, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15));
    private readonly TrialLifecycle machine = new(Policy);

    [Fact]
    public void LeaseStartFinish()
    {
        var leased = machine.Lease(TrialLifecycleState.Queued, "w1", T0);
        var running = machine.Start(leased.State, "w1", T0.AddSeconds(1));
        var finished = machine.Finish(running.State, "w1");

        Assert.Equal((TrialState.Leased, "w1", T0.AddSeconds(30)), (leased.State.State, leased.State.WorkerId, leased.State.LeaseExpiresAt));
        Assert.Equal((TrialState.Running, T0.AddSeconds(31)), (running.State.State, running.State.LeaseExpiresAt));
        Assert.Equal(TrialState.Finished, finished.State.State);
        Assert.True(leased.Applied && running.Applied && finished.Applied);
    }

    [Fact]
    public void HeartbeatsRenewTheLease()
    {
        var running = Running();
        var renewed = machine.Heartbeat(running, "w1", T0.AddSeconds(20));

        Assert.Equal(T0.AddSeconds(50), renewed.State.LeaseExpiresAt);
        Assert.Equal(TransitionOutcome.Ignored, machine.ExpireLease(renewed.State, T0.AddSeconds(40)).Outcome);
    }

    [Fact]
    public void ExpiredLeaseRequeuesWithExponentialBackoff()
    {
        var first = machine.ExpireLease(Running(), T0.AddSeconds(31));

        Assert.Equal((TrialState.Queued, 1, T0.AddSeconds(41)), (first.State.State, first.State.Retries, first.State.NotBefore));
        Assert.Null(first.State.WorkerId);
        Assert.Equal(TransitionOutcome.Rejected, machine.Lease(first.State, "w2", T0.AddSeconds(40)).Outcome);

        var second = machine.ExpireLease(machine.Lease(first.State, "w2", T0.AddSeconds(41)).State, T0.AddSeconds(80));
        // 10 s doubled is 20 s, capped at 15 s.
        Assert.Equal((TrialState.Queued, 2, T0.AddSeconds(95)), (second.State.State, second.State.Retries, second.State.NotBefore));
    }

    [Fact]
    public void MaxRetriesThenFailed()
    {
        var state = Running();
        for (var i = 0; i < Policy.MaxRetries; i++)
        {
            state = machine.ExpireLease(state, T0.AddHours(i + 1)).State;
            state = machine.Lease(state, "w", T0.AddHours(i + 1).AddMinutes(1)).State;
        }

        var last = machine.ExpireLease(state, T0.AddDays(1));

        Assert.Equal(TrialState.Failed, last.State.State);
        Assert.Contains("gave up after 2 retries", last.State.Error);
    }

    [Fact]
    public void BackoffDoublesUpToTheCap()
    {
        var policy = new RetryPolicy(TimeSpan.FromSeconds(1), 100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        Assert.Equal([1.0, 2, 4, 8, 16, 32, 60, 60], Enumerable.Range(1, 8).Select(r => policy.BackoffFor(r).TotalSeconds));
        Assert.Equal(60, policy.BackoffFor(10_000).TotalSeconds);
    }

    [Fact]
    public void RetryableFailureIsRetriedAndOtherFailuresAreFinal()
    {
        var retried = machine.Fail(Running(), "w1", "process crashed", retryable: true, T0.AddSeconds(5));
        var failed = machine.Fail(Running(), "w1", "NaN loss", retryable: false, T0.AddSeconds(5));

        Assert.Equal((TrialState.Queued, 1, "process crashed"), (retried.State.State, retried.State.Retries, retried.State.Error));
        Assert.Equal((TrialState.Failed, "NaN loss"), (failed.State.State, failed.State.Error));
    }

    [Fact]
    public void TerminalStatesAreReachedOnce()
    {
        var finished = machine.Finish(Running(), "w1").State;

        Assert.Equal(TransitionOutcome.Ignored, machine.Finish(finished, "w1").Outcome);
        Assert.Equal(TransitionOutcome.Rejected, machine.Fail(finished, "w1", "late", false, T0).Outcome);
        Assert.Equal(TransitionOutcome.Rejected, machine.Prune(finished, "late").Outcome);
        Assert.Equal(TransitionOutcome.Rejected, machine.Cancel(finished).Outcome);
        Assert.Equal(TransitionOutcome.Rejected, machine.Pause(finished).Outcome);
        Assert.Equal(TransitionOutcome.Rejected, machine.Lease(finished, "w1", T0).Outcome);
        Assert.Equal(TransitionOutcome.Ignored, machine.ExpireLease(finished, T0.AddDays(1)).Outcome);
        Assert.Equal(TrialState.Finished, machine.Cancel(finished).State.State);
    }

    [Fact]
    public void PruneOnlyAHeldTrial()
    {
        var pruned = machine.Prune(Running(), "rung 1");

        Assert.Equal((TrialState.Pruned, "rung 1"), (pruned.State.State, pruned.State.Error));
        Assert.Equal(TransitionOutcome.Ignored, machine.Prune(pruned.State, "again").Outcome);
        Assert.Equal(TransitionOutcome.Rejected, machine.Prune(TrialLifecycleState.Queued, "x").Outcome);
    }

    [Fact]
    public void CancelFromEveryLiveState()
    {
        var paused = machine.Pause(TrialLifecycleState.Queued).State;
        foreach (var state in new[] { TrialLifecycleState.Queued, Leased(), Running(), paused })
        {
            var cancelled = machine.Cancel(state);
            Assert.Equal(TrialState.Cancelled, cancelled.State.State);
            Assert.Equal(TransitionOutcome.Ignored, machine.Cancel(cancelled.State).Outcome);
        }
    }

    [Fact]
    public void PauseAndResumeGoBackToTheQueue()
    {
        var paused = machine.Pause(Running());
        var resumed = machine.Resume(paused.State);

        Assert.Equal((TrialState.Paused, null), (paused.State.State, paused.State.WorkerId));
        Assert.Equal(TransitionOutcome.Rejected, machine.Lease(paused.State, "w1", T0).Outcome);
        Assert.Equal(TransitionOutcome.Ignored, machine.Pause(paused.State).Outcome);
        Assert.Equal(TrialState.Queued, resumed.State.State);
        Assert.Equal(TransitionOutcome.Ignored, machine.Resume(resumed.State).Outcome);
    }

    [Fact]
    public void AWorkerThatLostItsLeaseIsRejected()
    {
        var requeued = machine.ExpireLease(Running(), T0.AddMinutes(1)).State;
        var releasedToOther = machine.Lease(requeued, "w2", T0.AddMinutes(2)).State;

        Assert.Equal(TransitionOutcome.Rejected, machine.Heartbeat(requeued, "w1", T0.AddMinutes(1)).Outcome);
        Assert.Equal(TransitionOutcome.Rejected, machine.Heartbeat(releasedToOther, "w1", T0.AddMinutes(2)).Outcome);
        Assert.Equal(TransitionOutcome.Rejected, machine.Finish(releasedToOther, "w1").Outcome);
        Assert.Equal(TransitionOutcome.Rejected, machine.Start(releasedToOther, "w1", T0.AddMinutes(2)).Outcome);
        Assert.Equal("w2", machine.Finish(releasedToOther, "w1").State.WorkerId);
    }

    [Fact]
    public void HeartbeatAfterTheLeaseLapsedIsRejected()
    {
        Assert.Equal(TransitionOutcome.Rejected, machine.Heartbeat(Running(), "w1", T0.AddSeconds(31)).Outcome);
    }

    [Fact]
    public void IllegalTransitionsAreRejected()
    {
        Assert.Equal(TransitionOutcome.Rejected, machine.Start(TrialLifecycleState.Queued, "w1", T0).Outcome);
        Assert.Equal(TransitionOutcome.Rejected, machine.Finish(TrialLifecycleState.Queued, "w1").Outcome);
        Assert.Equal(TransitionOutcome.Rejected, machine.Heartbeat(TrialLifecycleState.Queued, "w1", T0).Outcome);
        Assert.Equal(TransitionOutcome.Rejected, machine.Lease(Running(), "w2", T0).Outcome);
        Assert.Equal(TransitionOutcome.Ignored, machine.Lease(Leased(), "w1", T0).Outcome);
        Assert.Equal(TransitionOutcome.Ignored, machine.Start(Running(), "w1", T0).Outcome);
    }

    [Fact]
    public void AFastTrialMayFinishBeforeItsStartArrives()
    {
        Assert.Equal(TrialState.Finished, machine.Finish(Leased(), "w1").State.State);
    }

    private TrialLifecycleState Leased() => machine.Lease(TrialLifecycleState.Queued, "w1", T0).State;

    private TrialLifecycleState Running() => machine.Start(Leased(), "w1", T0.AddSeconds(1)).State;
}
