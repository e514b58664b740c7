namespace Platform.Silo.Sweeps.Lifecycle;

/// <summary>
/// The line a trial's move from one state to the next adds to its run's log (source <c>platform</c>), so the Logs tab tells
/// where the trial waited, which worker had it, and why it ended or was retried. Null when nothing changed.
/// </summary>
public static class TrialLifecycleLog
{
    public static string? Describe(TrialLifecycleState? before, TrialLifecycleState after)
    {
        if (before is not null && before.State == after.State && before.Retries == after.Retries && before.WorkerId == after.WorkerId)
        {
            return null;
        }

        return after.State switch
        {
            TrialState.Queued when after.Retries > (before?.Retries ?? 0) =>
                $"re-queued for retry {after.Retries}{(after.Error is { } why ? $": {why}" : "")}",
            TrialState.Queued when before?.State == TrialState.Paused => "resumed: queued",
            TrialState.Queued => "queued",
            TrialState.Leased => $"leased by worker {after.WorkerId}",
            TrialState.Running => $"running on worker {after.WorkerId}",
            TrialState.Paused => "paused",
            TrialState.Finished => "finished",
            TrialState.Failed => $"failed: {after.Error ?? "no reason given"}",
            TrialState.Pruned => $"pruned: {after.Error ?? "early stopping"}",
            TrialState.Cancelled => "cancelled",
            _ => $"{after.State.ToString().ToLowerInvariant()}",
        };
    }
}
