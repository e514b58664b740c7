using System.Net;
using System.Text;
using System.Text.Json;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;

namespace Platform.Dashboard.Tests.Fakes;

/// <summary>
/// The HTTP seam of the dashboard: answers the MLflow REST paths the pages call, from in-memory experiments and runs,
/// serialised with <see cref="TrackingJson.Options"/> exactly as the platform API does.
/// </summary>
public sealed class FakeTrackingApi : HttpMessageHandler
{
    private const string Prefix = "api/2.0/mlflow/";

    public List<Experiment> Experiments { get; } = [];

    public List<Run> Runs { get; } = [];

    /// <summary>Full metric histories by (run id, key); runs without one get their latest value as a one-point history.</summary>
    public Dictionary<(string RunId, string Key), List<Metric>> Histories { get; } = [];

    /// <summary>When set, every call fails with this status and MLflow error body.</summary>
    public (HttpStatusCode Status, string Code, string Message)? FailWith { get; set; }

    public List<string> Requests { get; } = [];

    /// <summary>The bodies of runs/search calls, to check the filter and order_by the pages send.</summary>
    public List<JsonElement> Searches { get; } = [];

    public HttpClient CreateClient() => new(this) { BaseAddress = new Uri("http://platform.test/") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        // Match on what follows the MLflow prefix, so a base address with a path (http://host/base/) works too.
        var path = request.RequestUri!.AbsolutePath;
        var at = path.IndexOf(Prefix, StringComparison.Ordinal);
        var route = at >= 0 ? path[(at + Prefix.Length)..] : path;
        lock (Requests)
        {
            Requests.Add(request.Method + " " + request.RequestUri.PathAndQuery);
        }

        if (FailWith is { } fail)
        {
            return Error(fail.Status, fail.Code, fail.Message);
        }

        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
        JsonElement body = default;
        if (request.Content is not null)
        {
            body = JsonDocument.Parse(await request.Content.ReadAsStringAsync(ct)).RootElement;
        }

        return route switch
        {
            "experiments/search" => Json(new { experiments = Experiments }),
            "experiments/get" => Experiments.FirstOrDefault(e => e.ExperimentId == query["experiment_id"]) is { } e
                ? Json(new { experiment = e })
                : NotFound($"Could not find experiment with ID {query["experiment_id"]}"),
            "runs/search" => SearchRuns(body),
            "runs/get" => Runs.FirstOrDefault(r => r.Info.RunId == query["run_id"]) is { } r
                ? Json(new { run = r })
                : NotFound($"Run with id={query["run_id"]} not found"),
            "metrics/get-history" => History(query["run_id"]!, query["metric_key"]!),
            _ => Error(HttpStatusCode.NotFound, "ENDPOINT_NOT_FOUND", $"no fake for {path}"),
        };
    }

    private HttpResponseMessage SearchRuns(JsonElement body)
    {
        lock (Searches)
        {
            Searches.Add(body.Clone());
        }

        try
        {
            var (page, next) = FakeRunSearch.Search(Runs, body);
            return Json(new { runs = page, next_page_token = next });
        }
        catch (FakeRunSearch.InvalidFilter e)
        {
            return Error(HttpStatusCode.BadRequest, ErrorCodes.InvalidParameterValue, e.Message);
        }
    }

    private HttpResponseMessage History(string runId, string key)
    {
        if (Histories.TryGetValue((runId, key), out var history))
        {
            return Json(new { metrics = history });
        }

        var latest = Runs.FirstOrDefault(r => r.Info.RunId == runId)?.Data.Metrics.Where(m => m.Key == key).ToArray() ?? [];
        return Json(new { metrics = latest });
    }

    private static HttpResponseMessage NotFound(string message) => Error(HttpStatusCode.NotFound, ErrorCodes.ResourceDoesNotExist, message);

    private static HttpResponseMessage Error(HttpStatusCode status, string code, string message) =>
        Json(new ApiError(code, message), status);

    private static HttpResponseMessage Json(object payload, HttpStatusCode status = HttpStatusCode.OK) => new(status)
    {
        Content = new StringContent(JsonSerializer.Serialize(payload, TrackingJson.Options), Encoding.UTF8, "application/json"),
    };
}
