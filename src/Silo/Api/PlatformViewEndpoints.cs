using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Contracts.Api;
using Platform.Contracts.Grains;
using Platform.Contracts.Sweeps;
using Platform.Contracts.Validation;
using Platform.Silo.Store;
using Platform.Silo.Sweeps.Stopping;

namespace Platform.Silo.Api;

/// <summary>
/// What the dashboard's sweep, submission and cluster pages read, under the platform API's group: a sweep in full
/// (<c>GET sweeps/{id}/details</c>), a sweep file checked by the same planner that submission uses (<c>POST sweeps/validate</c>),
/// and the scheduler's workers and queue (<c>GET cluster</c>).
/// </summary>
public static class PlatformViewEndpoints
{
    /// <summary>Points per trial's history on the sweep page: one chart holds every trial.</summary>
    public const int DefaultSweepPoints = 200;

    public static RouteGroupBuilder MapPlatformViews(this RouteGroupBuilder api)
    {
        api.MapGet("/sweeps/{sweepId}/details", async (string sweepId, int? max_points, ITrackingStore store, DownsampledHistoryCache histories,
            CancellationToken ct) =>
        {
            var maxPoints = MlflowValidator.MaxResults(max_points, PlatformTrackingEndpoints.MaxPoints, DefaultSweepPoints);
            var record = await PlatformEndpoints.FindSweepAsync(sweepId, store, ct);
            var rows = await store.ListSweepTrialsAsync(sweepId, ct);
            var spec = TryParse(record.SpecYaml);
            var rungSteps = spec?.EarlyTerminate is { Type: EarlyTerminateSpec.Hyperband } terminate ? HyperbandRungs.FromWandb(terminate) : [];
            var trials = new List<SweepDetailsBuilder.TrialData>();
            foreach (var trial in rows)
            {
                // The run's latest metrics say whether its history moved; only then is it read again (DownsampledHistoryCache).
                var run = await store.GetRunAsync(trial.RunId, ct);
                var history = spec?.Metric is { } metric && run is not null
                    ? (await histories.GetAsync(store, run, metric.Name, maxPoints, rungSteps, ct)).Points
                    : [];
                trials.Add(new SweepDetailsBuilder.TrialData(trial, run, history));
            }

            return SweepDetailsBuilder.Build(PlatformEndpoints.DetailedView(record, rows), spec, record.SpecYaml, trials, maxPoints);
        });

        // Always 200: an invalid file is the answer, not a failed request. The same planner as POST sweeps, so what passes here is accepted there.
        api.MapPost("/sweeps/validate", (SweepSubmission body) =>
        {
            try
            {
                var plan = SweepPlanner.Plan(body.Yaml ?? throw ApiRequestException.Missing("yaml"));
                return new SweepValidation(true, [], plan.Assignment.Id, plan.Spec.Method.Name(), plan.ExperimentName,
                    plan.Spec.Method == SweepMethod.Grid ? plan.Trials.Count : null);
            }
            catch (PlatformValidationException e)
            {
                return new SweepValidation(false, e.Errors);
            }
        });

        api.MapGet("/cluster", async (IGrainFactory grains) => ClusterViews.From(await grains.GetGrain<ISchedulerGrain>(0).GetSnapshot()));
        return api;
    }

    /// <summary>A stored sweep's file; null should a later version reject it, so its pages still show its state and YAML.</summary>
    internal static SweepSpec? TryParse(string yaml)
    {
        try
        {
            return SweepSpecParser.Parse(yaml);
        }
        catch (PlatformValidationException)
        {
            return null;
        }
    }
}
