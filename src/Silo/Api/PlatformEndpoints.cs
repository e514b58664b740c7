using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Contracts.Api;
using Platform.Contracts.Catalog;
using Platform.Contracts.Grains;
using Platform.Contracts.Sweeps;
using Platform.Silo.Store;

namespace Platform.Silo.Api;

/// <summary>
/// The platform API (<c>/api/platform/v1</c>): the assignment catalog, run and sweep submission, sweep state.
/// Everything is validated here, before a run exists, so bad input never leaves a half-created run behind.
/// </summary>
public static class PlatformEndpoints
{
    public static IEndpointRouteBuilder MapPlatformApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/platform/v1");

        api.MapGet("/assignments", () => AssignmentCatalog.All);

        api.MapPost("/runs", async (RunSubmission body, IGrainFactory grains) =>
        {
            var assignment = AssignmentCatalog.Get(body.Assignment ?? throw ApiRequestException.Missing("assignment"));
            var values = HyperparameterBinder.Bind(assignment, body.Params ?? new Dictionary<string, string>());
            var runId = Guid.NewGuid().ToString("N");
            var spec = new TrialSpec(runId, body.Experiment ?? assignment.Id, assignment.Id, new Dictionary<string, string>(values.Canonical));
            var experimentId = await grains.GetGrain<ITrialGrain>(runId).Start(spec);
            return new SubmissionResult(experimentId, [runId]);
        });

        api.MapPost("/sweeps", async (SweepSubmission body, IGrainFactory grains) =>
        {
            var plan = SweepPlanner.Plan(body.Yaml ?? throw ApiRequestException.Missing("yaml"));
            var sweepId = Guid.NewGuid().ToString("N");
            return await grains.GetGrain<ISweepGrain>(sweepId).Submit(plan.ToDefinition());
        });

        api.MapGet("/sweeps", async (ITrackingStore store, CancellationToken ct) =>
            (await store.ListSweepsAsync(ct)).Select(ToView).ToArray());

        api.MapGet("/sweeps/{sweepId}", async (string sweepId, ITrackingStore store, CancellationToken ct) =>
            ToView(await store.GetSweepAsync(sweepId, ct)
                   ?? throw new ApiRequestException(ErrorCodes.ResourceDoesNotExist, $"Sweep with id={sweepId} not found")));

        return endpoints;
    }

    private static SweepView ToView(SweepRecord s) =>
        new(s.SweepId, s.Assignment, s.ExperimentId, s.State, s.RunIds, s.CreatedAt);
}
