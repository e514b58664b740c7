using Microsoft.Extensions.Logging;
using Platform.Contracts.Api;
using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;

namespace Platform.Silo.Grains;

/// <summary>One sweep, keyed by its id: stores it, starts its trials, and marks it FINISHED once every trial has ended.</summary>
public sealed class SweepGrain(ITrackingStore store, IGrainFactory grains, ILogger<SweepGrain> logger) : Grain, ISweepGrain
{
    private string SweepId => this.GetPrimaryKeyString();

    public async Task<SubmissionResult> Submit(SweepDefinition definition)
    {
        if (await store.GetSweepAsync(SweepId) is { } existing)
        {
            return new SubmissionResult(existing.ExperimentId, existing.RunIds.ToArray(), SweepId);
        }

        var experimentId = await store.GetOrCreateExperimentAsync(definition.ExperimentName);
        var runIds = definition.Trials.Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        await store.UpsertSweepAsync(new SweepRecord(SweepId, experimentId, definition.Assignment, definition.Yaml, SweepStates.Running,
            runIds, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        for (var i = 0; i < runIds.Length; i++)
        {
            var spec = new TrialSpec(runIds[i], definition.ExperimentName, definition.Assignment,
                new Dictionary<string, string>(definition.Trials[i]), SweepId, $"{SweepId[..8]}-{i + 1}");
            await grains.GetGrain<ITrialGrain>(runIds[i]).Start(spec);
        }

        logger.LogInformation("Sweep {SweepId} started {Trials} trials of {Assignment}", SweepId, runIds.Length, definition.Assignment);
        return new SubmissionResult(experimentId, runIds, SweepId);
    }

    public async Task TrialCompleted(string runId, RunStatus status)
    {
        var sweep = await store.GetSweepAsync(SweepId);
        if (sweep is null || sweep.State != SweepStates.Running)
        {
            return;
        }

        foreach (var id in sweep.RunIds.Where(id => id != runId)) // the reporting trial has ended, whatever the store says yet
        {
            var run = await store.GetRunAsync(id);
            if (run is null || !run.Info.Status.IsTerminal())
            {
                return;
            }
        }

        await store.UpsertSweepAsync(sweep with { State = SweepStates.Finished });
        logger.LogInformation("Sweep {SweepId} finished", SweepId);
    }
}
