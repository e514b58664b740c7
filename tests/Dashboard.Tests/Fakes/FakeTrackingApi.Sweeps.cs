using System.Collections.Specialized;
using System.Net;
using System.Text.Json;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;

namespace Platform.Dashboard.Tests.Fakes;

/// <summary>The platform API's sweep and cluster routes, from in-memory sweeps; validation and control are delegated to the test.</summary>
public sealed partial class FakeTrackingApi
{
    /// <summary>Sweeps by id, as GET sweeps/{id}/details answers them; GET sweeps lists their <see cref="SweepDetails.Sweep"/>.</summary>
    public Dictionary<string, SweepDetails> Sweeps { get; } = [];

    public ClusterView Cluster { get; set; } = new([], [], 0);

    /// <summary>POST sweeps/validate; the default accepts everything.</summary>
    public Func<string, SweepValidation> Validate { get; set; } = _ => new SweepValidation(true, [], "sleep", "grid", "sleep", 1);

    /// <summary>The YAML of every POST sweeps, and the id the fake gives the next one.</summary>
    public List<string> Submitted { get; } = [];

    public string NextSweepId { get; set; } = "5eed0000000000000000000000000001";

    /// <summary>POST sweeps/{id}/{verb}: the new state, or an INVALID_STATE refusal when null.</summary>
    public Func<string, string, string?> Control { get; set; } = (verb, _) => verb switch
    {
        "pause" => SweepStates.Paused,
        "resume" => SweepStates.Running,
        _ => SweepStates.Cancelled,
    };

    private async Task<HttpResponseMessage?> SweepRouteAsync(HttpRequestMessage request, string route, NameValueCollection query, CancellationToken ct)
    {
        var segments = route.Split('/').Select(Uri.UnescapeDataString).ToArray();
        var post = request.Method == HttpMethod.Post;
        var body = post && request.Content is not null ? JsonDocument.Parse(await request.Content.ReadAsStringAsync(ct)).RootElement : default;
        switch (segments)
        {
            case ["assignments"]:
                return Json(Platform.Contracts.Catalog.AssignmentCatalog.All);
            case ["cluster"]:
                return Json(Cluster);
            case ["sweeps"] when post:
                Submitted.Add(body.GetProperty("yaml").GetString()!);
                return Json(new SubmissionResult("1", [], NextSweepId));
            case ["sweeps"]:
                return Json(Sweeps.Values.Select(s => s.Sweep).Where(s => query["experiment_id"] is not { } e || s.ExperimentId == e).ToArray());
            case ["sweeps", "validate"] when post:
                return Json(Validate(body.GetProperty("yaml").GetString()!));
            case ["sweeps", var id, "details"]:
                return Sweeps.TryGetValue(id, out var details) ? Json(details) : NotFound($"Sweep with id={id} not found");
            case ["sweeps", var id, var verb] when post:
                if (!Sweeps.TryGetValue(id, out var sweep))
                {
                    return NotFound($"Sweep with id={id} not found");
                }

                if (Control(verb, sweep.Sweep.State) is not { } state)
                {
                    return Error(HttpStatusCode.BadRequest, ErrorCodes.InvalidState, $"cannot {verb} a {sweep.Sweep.State} sweep");
                }

                Sweeps[id] = sweep with { Sweep = sweep.Sweep with { State = state } };
                return Json(Sweeps[id].Sweep);
            default:
                return null;
        }
    }
}
