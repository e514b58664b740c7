using Microsoft.Extensions.Logging;
using Platform.Contracts.Api;
using Platform.Contracts.Grains;
using Platform.Contracts.Sweeps;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;
using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Grains;

/// <summary>
/// One sweep, keyed by its id. Runs the search: on submit it stores the sweep (spec, method, seed) and starts trials up to its
/// parallelism; each ended trial becomes an observation and frees a slot for the next suggestion; early stopping is decided here
/// from the reports trials relay. It ends FINISHED once the search is exhausted (grid done, run_cap or the metric's target
/// reached) and every trial ended. The store is the state: after a restart the grain rebuilds the search from it.
/// </summary>
public sealed partial class SweepGrain(ITrackingStore store, IGrainFactory grains, ILogger<SweepGrain> logger) : Grain, ISweepGrain
{
    /// <summary>Trials a random or bayes sweep runs at once: a few, so TPE learns from finished trials before suggesting many more.</summary>
    public const int SampledParallelism = 4;

    /// <summary>How many trials a sweep starts at once (each start writes its run, params and trial row).</summary>
    private const int TrialStartBatch = 32;

    private string SweepId => this.GetPrimaryKeyString();

    public async Task<SubmissionResult> Submit(SweepDefinition definition)
    {
        if (await LoadAsync() is { } existing)
        {
            return new SubmissionResult(existing.Record.ExperimentId, existing.Record.RunIds.ToArray(), SweepId);
        }

        var plan = SweepPlanner.Plan(definition.Yaml);
        var experimentId = await store.GetOrCreateExperimentAsync(plan.ExperimentName);
        var record = new SweepRecord(SweepId, experimentId, plan.Assignment.Id, definition.Yaml, SweepStates.Running, [],
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), plan.Spec.Method.ToString().ToLowerInvariant(), Random.Shared.Next());
        await store.UpsertSweepAsync(record);
        _run = SweepRun.Create(record, plan, []);
        await TopUpAsync();
        logger.LogInformation("Sweep {SweepId} ({Method}) started {Trials} trials of {Assignment}", SweepId, record.Method, _run.Record.RunIds.Count, record.Assignment);
        return new SubmissionResult(experimentId, _run.Record.RunIds.ToArray(), SweepId);
    }

    public async Task TrialCompleted(string runId, RunStatus status)
    {
        if (await LoadAsync() is not { } sweep || !sweep.MarkEnded(runId))
        {
            return; // unknown trial, or a repeated notice
        }

        if (status == RunStatus.FINISHED)
        {
            sweep.Stopping?.Completed(runId);
            if (await ObserveAsync(sweep, runId) is { } observation)
            {
                sweep.History.Add(observation);
            }
        }

        await TopUpAsync();
    }

    public async Task<string?> ReportMetrics(string runId, TrialMetricReport[] reports)
    {
        if (await LoadAsync() is not { Stopping: { } rule } sweep || sweep.IsEnded(runId))
        {
            return null;
        }

        foreach (var report in reports)
        {
            var decision = rule.Report(report with { TrialId = runId });
            if (decision.ShouldStop)
            {
                return decision.Reason;
            }
        }

        return null;
    }

    /// <summary>Starts suggested trials while there are free slots and the search goes on, then finishes the sweep if it is done.</summary>
    private async Task TopUpAsync()
    {
        var sweep = _run!;
        if (sweep.State != SweepState.Running)
        {
            return;
        }

        var wanted = sweep.FreeSlots();
        if (wanted > 0 && !sweep.Exhausted)
        {
            var suggestions = sweep.Search.Suggest(sweep.Issued, wanted, sweep.History);
            sweep.Exhausted = suggestions.Count < wanted || sweep.TargetReached();
            await StartTrialsAsync(sweep, suggestions);
        }

        if (sweep.Exhausted && sweep.AllEnded)
        {
            await SetStateAsync(SweepLifecycle.Finish(sweep.State));
            logger.LogInformation("Sweep {SweepId} finished", SweepId);
        }
    }

    /// <summary>
    /// Issues a run id per suggestion, stores the sweep once, then creates the trials <see cref="TrialStartBatch"/> at a time:
    /// a large grid starts in a few round trips (and the store commits concurrent trials' writes together) instead of one
    /// store write and one grain call after another, which kept a 50-trial submission past Orleans' 30 s call timeout on a
    /// loaded machine. Each batch is then queued one trial after another in suggestion order (cheap calls, no store write):
    /// queued concurrently, a later suggestion could reach an idle worker first, and a grid on one worker would not run
    /// in grid order.
    /// </summary>
    private async Task StartTrialsAsync(SweepRun sweep, IReadOnlyList<TrialSuggestion> suggestions)
    {
        if (suggestions.Count == 0)
        {
            return;
        }

        var runIds = suggestions.Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        foreach (var runId in runIds)
        {
            sweep.Issue(runId);
        }

        // The sweep is written before its trials exist so that a restart in between never reuses a suggestion index
        // (Recover starts the trials of stored ids that have none).
        await store.UpsertSweepAsync(sweep.Record);
        foreach (var batch in Enumerable.Range(0, runIds.Length).Chunk(TrialStartBatch))
        {
            await Task.WhenAll(batch.Select(i => grains.GetGrain<ITrialGrain>(runIds[i]).Create(TrialSpecFor(sweep, runIds[i], suggestions[i]))));
            foreach (var i in batch)
            {
                await grains.GetGrain<ITrialGrain>(runIds[i]).Queue();
            }
        }
    }

    /// <summary>The trial for a suggestion; it relays the sweep's metric only when an early stopping rule needs it.</summary>
    private TrialSpec TrialSpecFor(SweepRun sweep, string runId, TrialSuggestion suggestion) =>
        new(runId, sweep.Plan.ExperimentName, sweep.Record.Assignment, new Dictionary<string, string>(suggestion.Params),
            SweepId, $"{SweepId[..8]}-{suggestion.Index + 1}", sweep.Stopping is null ? null : sweep.Plan.Spec.Metric?.Name, suggestion.Index,
            sweep.Plan.Needs);

    private async Task<TrialObservation?> ObserveAsync(SweepRun sweep, string runId)
    {
        if (sweep.Plan.Spec.Metric is not { } metric || await store.GetRunAsync(runId) is not { } run)
        {
            return null;
        }

        var value = run.Data.LatestMetric(metric.Name);
        var index = sweep.Record.RunIds.ToList().IndexOf(runId);
        return value is { } v && double.IsFinite(v) && index >= 0
            ? new TrialObservation(index, run.Data.Params.ToDictionary(p => p.Key, p => p.Value), v)
            : null;
    }

    private async Task SetStateAsync(Transition<SweepState> transition)
    {
        if (transition.Applied)
        {
            _run!.State = transition.State;
            await store.UpsertSweepAsync(_run.Record);
        }
    }
}
