using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Tests.Sweeps;

public sealed class TrialLifecycleLogTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch.AddDays(20_000);
    private readonly TrialLifecycle _lifecycle = new(RetryPolicy.Default);

    [Fact]
    public void A_trial_that_is_leased_runs_fails_once_and_then_finishes_tells_each_step()
    {
        var lines = new List<string?>();
        TrialLifecycleState? logged = null;
        void Step(TrialLifecycleState state)
        {
            lines.Add(TrialLifecycleLog.Describe(logged, state));
            logged = state;
        }

        var s = TrialLifecycleState.Queued;
        Step(s);
        Step(s = _lifecycle.Lease(s, "w-1", Now).State);
        Step(s = _lifecycle.Start(s, "w-1", Now).State);
        Step(s); // written again without a change
        Step(s = _lifecycle.Fail(s, "w-1", "the trial process exited with code 139", retryable: true, Now).State);
        Step(s = _lifecycle.Lease(s, "w-2", Now.AddMinutes(5)).State);
        Step(s = _lifecycle.Start(s, "w-2", Now.AddMinutes(5)).State);
        Step(_lifecycle.Fail(s, "w-2", "ValueError: bad shape", retryable: false, Now).State);

        Assert.Equal(
        [
            "queued", "leased by worker w-1", "running on worker w-1", null,
            "re-queued for retry 1: the trial process exited with code 139", "leased by worker w-2", "running on worker w-2",
            "failed: ValueError: bad shape",
        ], lines);
    }

    [Fact]
    public void Ends_and_pauses_are_named_with_their_reason()
    {
        var running = _lifecycle.Start(_lifecycle.Lease(TrialLifecycleState.Queued, "w-1", Now).State, "w-1", Now).State;
        Assert.Equal("pruned: below the median at step 10", TrialLifecycleLog.Describe(running, _lifecycle.Prune(running, "below the median at step 10").State));
        Assert.Equal("cancelled", TrialLifecycleLog.Describe(running, _lifecycle.Cancel(running).State));
        Assert.Equal("finished", TrialLifecycleLog.Describe(running, _lifecycle.Finish(running, "w-1").State));
        var paused = _lifecycle.Pause(TrialLifecycleState.Queued).State;
        Assert.Equal("paused", TrialLifecycleLog.Describe(TrialLifecycleState.Queued, paused));
        Assert.Equal("resumed: queued", TrialLifecycleLog.Describe(paused, _lifecycle.Resume(paused).State));
    }
}
