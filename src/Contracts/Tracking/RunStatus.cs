namespace Platform.Contracts.Tracking;

/// <summary>MLflow's run states. A platform trial that was stopped early ends KILLED with the tag <c>platform.outcome=PRUNED</c>.</summary>
public enum RunStatus
{
    RUNNING = 1,
    SCHEDULED = 2,
    FINISHED = 3,
    FAILED = 4,
    KILLED = 5,
}

public static class RunStatusExtensions
{
    public static bool IsTerminal(this RunStatus status) => status is RunStatus.FINISHED or RunStatus.FAILED or RunStatus.KILLED;
}
