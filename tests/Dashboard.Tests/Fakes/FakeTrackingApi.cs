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
public sealed partial class FakeTrackingApi : HttpMessageHandler
{
    private const string Prefix = "api/2.0/mlflow/";
    private const string PlatformPrefix = "api/platform/v1/";
    private const string ArtifactPrefix = "api/2.0/mlflow-artifacts/artifacts/";

    public List<Experiment> Experiments { get; } = [];

    public List<Run> Runs { get; } = [];

    /// <summary>Full metric histories by (run id, key); runs without one get their latest value as a one-point history.</summary>
    public Dictionary<(string RunId, string Key), List<Metric>> Histories { get; } = [];

    /// <summary>Artifact files by (run id, path relative to the run's artifact root); folders are implied by the paths.</summary>
    public Dictionary<(string RunId, string Path), byte[]> Artifacts { get; } = [];

    /// <summary>Each run's log as the API stores it (ids ascending); GET runs/{id}/logs pages through it after a cursor.</summary>
    public Dictionary<string, List<RunLogLine>> Logs { get; } = [];

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
        var p = path.IndexOf(PlatformPrefix, StringComparison.Ordinal);
        if (p >= 0 && await SweepRouteAsync(request, path[(p + PlatformPrefix.Length)..], query, ct) is { } answer)
        {
            return answer;
        }

        if (p >= 0 && path[(p + PlatformPrefix.Length)..] == "runs/histories/search")
        {
            return SearchHistories(JsonDocument.Parse(await request.Content!.ReadAsStringAsync(ct)).RootElement);
        }

        if (p >= 0)
        {
            return PlatformRoute(path[(p + PlatformPrefix.Length)..].Split('/').Select(Uri.UnescapeDataString).ToArray(), query);
        }

        if (path.IndexOf(ArtifactPrefix, StringComparison.Ordinal) is var a and >= 0)
        {
            return Download(path[(a + ArtifactPrefix.Length)..].Split('/').Select(Uri.UnescapeDataString).ToArray());
        }

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
            "artifacts/list" => ListArtifacts(query["run_id"]!, query["path"]),
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

    private HttpResponseMessage History(string runId, string key) => Json(new { metrics = FullHistory(runId, key) });

    private IReadOnlyList<Metric> FullHistory(string runId, string key) =>
        Histories.TryGetValue((runId, key), out var history)
            ? history
            : Runs.FirstOrDefault(r => r.Info.RunId == runId)?.Data.Metrics.Where(m => m.Key == key).ToArray() ?? [];

    /// <summary>/api/platform/v1/runs/{id}/metric-summaries and /runs/{id}/metrics/{key}?max_points=n.</summary>
    private HttpResponseMessage PlatformRoute(string[] segments, System.Collections.Specialized.NameValueCollection query)
    {
        if (segments is not ["runs", var runId, ..] || Runs.FirstOrDefault(r => r.Info.RunId == runId) is not { } run)
        {
            return NotFound($"Run with id={(segments.Length > 1 ? segments[1] : "")} not found");
        }

        switch (segments[2..])
        {
            case ["metric-summaries"]:
                var summaries = run.Data.Metrics.Select(m => m.Key).Distinct().Select(key =>
                {
                    var history = FullHistory(runId, key);
                    var finite = history.Where(h => !double.IsNaN(h.Value)).Select(h => h.Value).ToArray();
                    var last = history.OrderBy(h => h.Step).ThenBy(h => h.Timestamp).Last();
                    return new MetricSummary(key, finite.Length > 0 ? finite.Min() : null, finite.Length > 0 ? finite.Max() : null, last, history.Count);
                });
                return Json(new { summaries });
            case ["metrics", var metricKey]:
                var max = int.Parse(query["max_points"] ?? "1000", System.Globalization.CultureInfo.InvariantCulture);
                return Json(Thinned(FullHistory(runId, metricKey), metricKey, max));
            case ["logs"]:
                var after = long.Parse(query["after"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                var limit = int.Parse(query["limit"] ?? "500", System.Globalization.CultureInfo.InvariantCulture);
                RunLogLine[] lines;
                lock (Logs)
                {
                    lines = (Logs.GetValueOrDefault(runId) ?? []).Where(l => l.Id > after).Take(limit).ToArray();
                }

                return Json(new RunLogPage(lines, lines.Length > 0 ? lines[^1].Id : after, run.Info.Status.ToString()));
            default:
                return Error(HttpStatusCode.NotFound, "ENDPOINT_NOT_FOUND", "no fake for " + string.Join('/', segments));
        }
    }

    /// <summary>POST runs/histories/search: each known run with its metrics, thinned like <c>runs/{id}/metrics/{key}</c>.</summary>
    private HttpResponseMessage SearchHistories(JsonElement body)
    {
        var max = body.TryGetProperty("max_points", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : 1000;
        var runs = body.GetProperty("run_ids").EnumerateArray().Select(e => e.GetString()!)
            .Select(id => Runs.FirstOrDefault(r => r.Info.RunId == id)).OfType<Run>()
            .Select(run => new RunHistories(run, run.Data.Metrics.Select(x => x.Key).Distinct()
                .Select(key => Thinned(FullHistory(run.Info.RunId, key), key, max)).ToArray()))
            .ToArray();
        return Json(new { runs });
    }

    // Not LTTB: the fake keeps every n-th point and the last, enough for the pages' "n of m points" captions.
    private static DownsampledHistory Thinned(IReadOnlyList<Metric> full, string key, int max)
    {
        var stride = (int)Math.Ceiling(full.Count / (double)max);
        return new DownsampledHistory(key, full.Count, full.Where((_, i) => i % stride == 0 || i == full.Count - 1).Take(max).ToArray());
    }

    private HttpResponseMessage ListArtifacts(string runId, string? folder)
    {
        var prefix = string.IsNullOrEmpty(folder) ? "" : folder + "/";
        var children = Artifacts.Where(a => a.Key.RunId == runId && a.Key.Path.StartsWith(prefix, StringComparison.Ordinal))
            .Select(a => (Tail: a.Key.Path[prefix.Length..], a.Value))
            .GroupBy(a => a.Tail.Split('/')[0])
            .Select(g => g.Any(x => x.Tail.Contains('/')) ? new ArtifactFileInfo(prefix + g.Key, true, null) : new ArtifactFileInfo(prefix + g.Key, false, g.Single().Value.Length))
            .ToArray();
        return Json(new { root_uri = $"file:///mlruns/{runId}/artifacts", files = children });
    }

    /// <summary>The artifact proxy: {experiment}/{run}/artifacts/{path...}.</summary>
    private HttpResponseMessage Download(string[] segments)
    {
        if (segments is not [_, var runId, "artifacts", .. var rest] || !Artifacts.TryGetValue((runId, string.Join('/', rest)), out var bytes))
        {
            return NotFound("artifact not found: " + string.Join('/', segments));
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) };
    }

    internal static HttpResponseMessage NotFound(string message) => Error(HttpStatusCode.NotFound, ErrorCodes.ResourceDoesNotExist, message);

    internal static HttpResponseMessage Error(HttpStatusCode status, string code, string message) =>
        Json(new ApiError(code, message), status);

    internal static HttpResponseMessage Json(object payload, HttpStatusCode status = HttpStatusCode.OK) => new(status)
    {
        Content = new StringContent(JsonSerializer.Serialize(payload, TrackingJson.Options), Encoding.UTF8, "application/json"),
    };
}
