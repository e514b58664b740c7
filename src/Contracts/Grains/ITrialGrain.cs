using Platform.Contracts.Tracking;

namespace Platform.Contracts.Grains;

/// <summary>One trial (one tracked run), keyed by its run id. Creates the run in the store, queues it, and records how it ended.</summary>
[Alias("Platform.ITrialGrain")]
public interface ITrialGrain : IGrainWithStringKey
{
    /// <summary>Creates the run (status SCHEDULED) with its params and tags and queues it. Idempotent.</summary>
    [Alias("Start")]
    Task<string> Start(TrialSpec spec);

    /// <summary>A worker holds the lease and has begun training: the run becomes RUNNING.</summary>
    [Alias("MarkRunning")]
    Task MarkRunning(string workerId);

    /// <summary>The run ends; the sweep it belongs to, if any, is told.</summary>
    [Alias("Complete")]
    Task Complete(TrialOutcome outcome);

    [Alias("GetStatus")]
    Task<RunStatus> GetStatus();
}
