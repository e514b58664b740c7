using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Grains;

/// <summary>How a trial's lifecycle state shows as an MLflow run status, and which states are stored as ended.</summary>
internal static class TrialStatusMapping
{
    public static readonly string[] TerminalStates =
        [nameof(TrialState.Finished), nameof(TrialState.Failed), nameof(TrialState.Pruned), nameof(TrialState.Cancelled)];

    public static RunStatus ToRunStatus(TrialState state) => state switch
    {
        TrialState.Running => RunStatus.RUNNING,
        TrialState.Finished => RunStatus.FINISHED,
        TrialState.Failed => RunStatus.FAILED,
        TrialState.Pruned or TrialState.Cancelled => RunStatus.KILLED,
        _ => RunStatus.SCHEDULED, // queued, leased, paused: waiting for a worker
    };

    /// <summary>The <see cref="TrialTags.Outcome"/> tag a KILLED run carries, saying which of the two kinds of kill it was.</summary>
    public static string? OutcomeTag(TrialState state) => state switch
    {
        TrialState.Pruned => TrialTags.Pruned,
        TrialState.Cancelled => TrialTags.Cancelled,
        _ => null,
    };
}
