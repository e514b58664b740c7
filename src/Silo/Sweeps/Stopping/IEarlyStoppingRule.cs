using Platform.Contracts.Sweeps;

namespace Platform.Silo.Sweeps.Stopping;

/// <summary>
/// Decides, from the intermediate metric values trials report, which trials to stop early (they end PRUNED).
/// Rules are deterministic functions of the events they were given, in order: a sweep grain persists the reports and
/// completions it fed in and rebuilds the rule after a restart by feeding them again.
/// </summary>
public interface IEarlyStoppingRule
{
    /// <summary>Records the report and says whether its trial should stop. A stopped trial keeps getting <see cref="StopDecision.Stop"/>.</summary>
    StopDecision Report(TrialMetricReport report);

    /// <summary>The trial ran to the end (not stopped, not failed); some rules compare running trials against these.</summary>
    void Completed(string trialId);
}
