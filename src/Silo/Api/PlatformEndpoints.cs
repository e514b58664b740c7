using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Contracts.Api;
using Platform.Contracts.Catalog;
using Platform.Contracts.Grains;
using Platform.Contracts.Sweeps;
using Platform.Silo.Security;
using Platform.Silo.Store;

namespace Platform.Silo.Api;

/// <summary>
/// The platform API (<c>/api/platform/v1</c>): the assignment catalog, run and sweep submission, sweep state and control.
/// Everything is validated here, before a run exists, so bad input never leaves a half-created run behind.
/// </summary>
public static class PlatformEndpoints
{
    public static IEndpointRouteBuilder MapPlatformApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/platform/v1");

        api.MapGet("/assignments", () => AssignmentCatalog.All);

        api.MapPost("/runs", async (RunSubmission body, IGrainFactory grains, HttpContext http, IApiTokenStore owners) =>
        {
            var assignment = AssignmentCatalog.Get(body.Assignment ?? throw ApiRequestException.Missing("assignment"));
            var values = HyperparameterBinder.Bind(assignment, body.Params ?? new Dictionary<string, string>());
            var runId = Guid.NewGuid().ToString("N");
            var needs = ResourceRequest.Resolve(
                body.Resources?.ToDictionary(r => r.Key, r => r.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)), assignment);
            var spec = new TrialSpec(runId, body.Experiment ?? assignment.Id, assignment.Id, new Dictionary<string, string>(values.Canonical), Needs: needs);
            await owners.SetOwnerAsync(Ownership.Run, runId, Caller(http).Name);
            var experimentId = await grains.GetGrain<ITrialGrain>(runId).Start(spec);
            return new SubmissionResult(experimentId, [runId]);
        });

        api.MapPost("/runs/{runId}/cancel", async (string runId, IGrainFactory grains, ITrackingStore store, HttpContext http, IApiTokenStore owners,
            CancellationToken ct) =>
        {
            var record = await store.GetTrialAsync(runId, ct)
                         ?? throw new ApiRequestException(ErrorCodes.ResourceDoesNotExist, $"No platform trial with run id={runId}");
            await Ownership.RequireControlAsync(Caller(http), Ownership.Run, runId, record.SweepId, owners, ct);

            var trial = grains.GetGrain<ITrialGrain>(runId);
            ThrowIfRefused(await trial.Cancel());
            return new RunCancelResult(runId, (await trial.GetStatus()).ToString());
        });

        api.MapPost("/sweeps", async (SweepSubmission body, IGrainFactory grains, HttpContext http, IApiTokenStore owners) =>
        {
            var plan = SweepPlanner.Plan(body.Yaml ?? throw ApiRequestException.Missing("yaml"));
            var sweepId = Guid.NewGuid().ToString("N");
            await owners.SetOwnerAsync(Ownership.Sweep, sweepId, Caller(http).Name);
            var definition = new SweepDefinition(plan.Assignment.Id, plan.ExperimentName, plan.Yaml, Array.Empty<IReadOnlyDictionary<string, string>>());
            return await grains.GetGrain<ISweepGrain>(sweepId).Submit(definition);
        });

        api.MapGet("/sweeps", async (string? experiment_id, ITrackingStore store, CancellationToken ct) =>
            (await store.ListSweepsAsync(ct)).Where(s => experiment_id is null || s.ExperimentId == experiment_id).Select(s => ToView(s, null)).ToArray());

        api.MapGet("/sweeps/{sweepId}", (string sweepId, ITrackingStore store, CancellationToken ct) => DetailedViewAsync(sweepId, store, ct));

        MapSweepControl(api, "cancel", (sweep) => sweep.Cancel());
        MapSweepControl(api, "pause", (sweep) => sweep.Pause());
        MapSweepControl(api, "resume", (sweep) => sweep.Resume());
        api.MapPlatformViews();
        return endpoints;
    }

    /// <summary><c>POST /sweeps/{id}/{verb}</c>: 404 for an unknown sweep, INVALID_STATE when the sweep's state forbids the verb.</summary>
    private static void MapSweepControl(RouteGroupBuilder api, string verb, Func<ISweepGrain, Task<string?>> control) =>
        api.MapPost($"/sweeps/{{sweepId}}/{verb}", async (string sweepId, IGrainFactory grains, ITrackingStore store, HttpContext http,
            IApiTokenStore owners, CancellationToken ct) =>
        {
            _ = await FindSweepAsync(sweepId, store, ct);
            await Ownership.RequireControlAsync(Caller(http), Ownership.Sweep, sweepId, null, owners, ct);
            ThrowIfRefused(await control(grains.GetGrain<ISweepGrain>(sweepId)));
            return await DetailedViewAsync(sweepId, store, ct);
        });

    /// <summary>The request's caller, also handed to the grains (<see cref="GrainCallerCheck"/>), which check it again.</summary>
    private static PlatformCaller Caller(HttpContext http)
    {
        var caller = PlatformCaller.Of(http);
        GrainCallerCheck.Set(caller);
        return caller;
    }

    private static void ThrowIfRefused(string? refusal)
    {
        if (refusal is not null)
        {
            throw new ApiRequestException(ErrorCodes.InvalidState, refusal);
        }
    }

    internal static async Task<SweepRecord> FindSweepAsync(string sweepId, ITrackingStore store, CancellationToken ct) =>
        await store.GetSweepAsync(sweepId, ct) ?? throw new ApiRequestException(ErrorCodes.ResourceDoesNotExist, $"Sweep with id={sweepId} not found");

    private static async Task<SweepView> DetailedViewAsync(string sweepId, ITrackingStore store, CancellationToken ct)
    {
        var sweep = await FindSweepAsync(sweepId, store, ct);
        return DetailedView(sweep, await store.ListSweepTrialsAsync(sweepId, ct));
    }

    internal static SweepView DetailedView(SweepRecord sweep, IReadOnlyList<TrialRecord> trials) =>
        ToView(sweep, trials.GroupBy(t => t.State.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count()));

    private static SweepView ToView(SweepRecord s, IReadOnlyDictionary<string, int>? trials) =>
        new(s.SweepId, s.Assignment, s.ExperimentId, s.State, s.RunIds, s.CreatedAt, s.Method, trials, PlatformViewEndpoints.TryParse(s.SpecYaml)?.Name);
}
