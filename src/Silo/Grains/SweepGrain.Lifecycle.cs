using Platform.Contracts.Api;
using Platform.Contracts.Grains;
using Platform.Contracts.Sweeps;
using Platform.Silo.Store;
using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Grains;

/// <summary>Loading the sweep back from the store, and the control verbs: cancel, pause, resume, recover after a restart.</summary>
public sealed partial class SweepGrain
{
    private SweepRun? _run;

    public async Task<string?> Cancel()
    {
        if (await LoadAsync() is not { } sweep)
        {
            return "the sweep does not exist";
        }

        var transition = SweepLifecycle.Cancel(sweep.State);
        await SetStateAsync(transition);
        // Cancelled trials tell this sweep they ended while it waits for them: let those calls in.
        using (RequestContext.AllowCallChainReentrancy())
        {
            await ForEachUnendedTrial(sweep, t => t.Cancel());
        }

        return transition.Reason;
    }

    public async Task<string?> Pause()
    {
        if (await LoadAsync() is not { } sweep)
        {
            return "the sweep does not exist";
        }

        var transition = SweepLifecycle.Pause(sweep.State);
        await SetStateAsync(transition);
        if (transition.Applied)
        {
            await ForEachUnendedTrial(sweep, t => t.Pause());
        }

        return transition.Reason;
    }

    public async Task<string?> Resume()
    {
        if (await LoadAsync() is not { } sweep)
        {
            return "the sweep does not exist";
        }

        var transition = SweepLifecycle.Resume(sweep.State);
        await SetStateAsync(transition);
        if (transition.Applied)
        {
            await ForEachUnendedTrial(sweep, t => t.Resume());
            await TopUpAsync();
        }

        return transition.Reason;
    }

    public async Task Recover()
    {
        if (await LoadAsync() is not { } sweep || SweepStates.IsTerminal(sweep.Record.State))
        {
            return;
        }

        // A restart between storing a new run id and starting its trial leaves an id without a trial: start it now.
        var known = (await store.ListSweepTrialsAsync(SweepId)).Select(t => t.RunId).ToHashSet();
        for (var index = 0; index < sweep.Record.RunIds.Count; index++)
        {
            var runId = sweep.Record.RunIds[index];
            if (!known.Contains(runId) && sweep.Search.Suggest(index, 1, sweep.History) is [var suggestion])
            {
                await grains.GetGrain<ITrialGrain>(runId).Start(TrialSpecFor(sweep, runId, suggestion));
            }
        }

        await ForEachUnendedTrial(sweep, t => t.Recover());
        await TopUpAsync();
    }

    private async Task ForEachUnendedTrial(SweepRun sweep, Func<ITrialGrain, Task> action)
    {
        foreach (var runId in sweep.Record.RunIds.Where(id => !sweep.IsEnded(id)).ToArray())
        {
            await action(grains.GetGrain<ITrialGrain>(runId));
        }
    }

    /// <summary>The sweep as stored, with its observations and stopping rule replayed from its trials; null before it is submitted.</summary>
    private async Task<SweepRun?> LoadAsync()
    {
        if (_run is not null || await store.GetSweepAsync(SweepId) is not { } record)
        {
            return _run;
        }

        var sweep = SweepRun.Create(record, SweepPlanner.Plan(record.SpecYaml), []);
        var trials = await store.ListSweepTrialsAsync(SweepId);
        foreach (var trial in trials.Where(t => TrialStatusMapping.TerminalStates.Contains(t.State)))
        {
            sweep.MarkEnded(trial.RunId);
            if (trial.State == nameof(TrialState.Finished) && await ObserveAsync(sweep, trial.RunId) is { } observation)
            {
                sweep.History.Add(observation);
            }
        }

        await ReplayStoppingAsync(sweep, trials);
        _run = sweep;
        return _run;
    }

    /// <summary>
    /// Feeds the stopping rule the watched metric's stored points again, in the order they were logged, then the completions.
    /// The order across trials is the timestamps', which is close to, not exactly, the order the rule first saw.
    /// </summary>
    private async Task ReplayStoppingAsync(SweepRun sweep, IReadOnlyList<TrialRecord> trials)
    {
        if (sweep.Stopping is not { } rule || sweep.Plan.Spec.Metric is not { } metric)
        {
            return;
        }

        var points = new List<(long Timestamp, TrialMetricReport Report)>();
        foreach (var trial in trials)
        {
            var history = await store.GetMetricHistoryAsync(trial.RunId, metric.Name);
            points.AddRange(history.Select(m => (m.Timestamp, new TrialMetricReport(trial.RunId, m.Step, m.Value))));
        }

        foreach (var (_, report) in points.OrderBy(p => p.Timestamp).ThenBy(p => p.Report.Step))
        {
            rule.Report(report);
        }

        foreach (var trial in trials.Where(t => t.State == nameof(TrialState.Finished)))
        {
            rule.Completed(trial.RunId);
        }
    }
}
