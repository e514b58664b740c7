using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Tests.Sweeps;

public sealed class SweepLifecycleTests
{
    [Theory]
    [InlineData(SweepState.Running, "pause", SweepState.Paused, TransitionOutcome.Applied)]
    [InlineData(SweepState.Paused, "pause", SweepState.Paused, TransitionOutcome.Ignored)]
    [InlineData(SweepState.Paused, "resume", SweepState.Running, TransitionOutcome.Applied)]
    [InlineData(SweepState.Running, "resume", SweepState.Running, TransitionOutcome.Ignored)]
    [InlineData(SweepState.Running, "cancel", SweepState.Cancelled, TransitionOutcome.Applied)]
    [InlineData(SweepState.Paused, "cancel", SweepState.Cancelled, TransitionOutcome.Applied)]
    [InlineData(SweepState.Cancelled, "cancel", SweepState.Cancelled, TransitionOutcome.Ignored)]
    [InlineData(SweepState.Running, "finish", SweepState.Finished, TransitionOutcome.Applied)]
    [InlineData(SweepState.Paused, "finish", SweepState.Finished, TransitionOutcome.Applied)]
    [InlineData(SweepState.Finished, "finish", SweepState.Finished, TransitionOutcome.Ignored)]
    [InlineData(SweepState.Finished, "cancel", SweepState.Finished, TransitionOutcome.Rejected)]
    [InlineData(SweepState.Cancelled, "resume", SweepState.Cancelled, TransitionOutcome.Rejected)]
    [InlineData(SweepState.Finished, "pause", SweepState.Finished, TransitionOutcome.Rejected)]
    [InlineData(SweepState.Cancelled, "finish", SweepState.Cancelled, TransitionOutcome.Rejected)]
    public void Transitions(SweepState from, string verb, SweepState to, TransitionOutcome outcome)
    {
        var transition = verb switch
        {
            "pause" => SweepLifecycle.Pause(from),
            "resume" => SweepLifecycle.Resume(from),
            "cancel" => SweepLifecycle.Cancel(from),
            _ => SweepLifecycle.Finish(from),
        };

        Assert.Equal((to, outcome), (transition.State, transition.Outcome));
    }
}
