using Microsoft.Extensions.Logging;
using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;

namespace Platform.Silo.Grains;

/// <summary>
/// One trial, keyed by its run id. The store is its state: the grain writes through on every transition, so a reactivated grain
/// reads the run back instead of trusting memory.
/// </summary>
public sealed class TrialGrain(ITrackingStore store, IGrainFactory grains, ILogger<TrialGrain> logger) : Grain, ITrialGrain
{
    private string RunId => this.GetPrimaryKeyString();

    public async Task<string> Start(TrialSpec spec)
    {
        var experimentId = await store.GetOrCreateExperimentAsync(spec.ExperimentName);
        var existing = await store.GetRunAsync(RunId);
        if (existing is not null)
        {
            return existing.Info.ExperimentId; // a retried Start: the run is already created and queued
        }

        var tags = new List<RunTag> { new(PlatformTags.Assignment, spec.Assignment) };
        if (spec.SweepId is not null)
        {
            tags.Add(new RunTag(PlatformTags.SweepId, spec.SweepId));
        }

        await store.CreateRunAsync(new NewRun(experimentId, RunId, spec.RunName, Now(), RunStatus.SCHEDULED, tags));
        await store.LogBatchAsync(RunId, [], spec.Params.Select(p => new Param(p.Key, p.Value)).ToArray(), []);
        await grains.GetGrain<ISchedulerGrain>(0).Enqueue(spec, experimentId);
        logger.LogInformation("Trial {RunId} of {Assignment} queued", RunId, spec.Assignment);
        return experimentId;
    }

    public async Task MarkRunning(string workerId)
    {
        await store.UpdateRunAsync(RunId, RunStatus.RUNNING, endTime: null);
        await store.LogBatchAsync(RunId, [], [], [new RunTag(PlatformTags.Worker, workerId)]);
    }

    public async Task Complete(TrialOutcome outcome)
    {
        if (!outcome.Status.IsTerminal())
        {
            throw new ArgumentException($"a trial cannot complete as {outcome.Status}", nameof(outcome));
        }

        var run = await store.GetRunAsync(RunId) ?? throw new InvalidOperationException($"run {RunId} does not exist");
        if (run.Info.Status.IsTerminal())
        {
            return; // a duplicate report: the first one counted
        }

        if (outcome.Error is not null)
        {
            await store.LogBatchAsync(RunId, [], [], [new RunTag(PlatformTags.Error, outcome.Error)]);
        }

        // The sweep hears first, so that anyone who sees every run of a sweep ended also sees the sweep's final state.
        if (run.Data.Tag(PlatformTags.SweepId) is { } sweepId)
        {
            await grains.GetGrain<ISweepGrain>(sweepId).TrialCompleted(RunId, outcome.Status);
        }

        await store.UpdateRunAsync(RunId, outcome.Status, Now());
        logger.LogInformation("Trial {RunId} ended {Status}", RunId, outcome.Status);
    }

    public async Task<RunStatus> GetStatus() =>
        (await store.GetRunAsync(RunId))?.Info.Status ?? throw new InvalidOperationException($"run {RunId} does not exist");

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
