using System.Net;
using System.Text;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Contracts.Tracking;

namespace Platform.Contracts.Tests.Client;

/// <summary>What the client puts on the wire and how it reads answers, against a recording handler (no server).</summary>
public sealed class TrackingClientRequestTests
{
    private sealed class RecordingHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public List<(HttpMethod Method, string Url, string? Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Requests.Add((request.Method, request.RequestUri!.PathAndQuery, request.Content is null ? null : await request.Content.ReadAsStringAsync(ct)));
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }

    private static (TrackingClient, RecordingHandler) Client(string body = "{}", HttpStatusCode status = HttpStatusCode.OK)
    {
        var handler = new RecordingHandler(status, body);
        return (new TrackingClient(new HttpClient(handler) { BaseAddress = new Uri("http://server/") }), handler);
    }

    private static readonly Run SampleRun = new(new RunInfo("r1", "7", "n", RunStatus.RUNNING, 0, null, "", "active"), new RunData([], [], []));

    [Fact]
    public async Task Upload_puts_the_stream_on_the_run_artifact_path_with_escaped_segments()
    {
        var (client, handler) = Client();
        await client.UploadArtifactAsync(SampleRun, "dir/a b#.txt", new MemoryStream(Encoding.UTF8.GetBytes("data")));
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/api/2.0/mlflow-artifacts/artifacts/7/r1/artifacts/dir/a%20b%23.txt", request.Url);
        Assert.Equal("data", request.Body);
    }

    [Fact]
    public async Task Error_bodies_become_platform_api_exceptions()
    {
        var (client, _) = Client("""{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Run with id=x not found"}""", HttpStatusCode.NotFound);
        var ex = await Assert.ThrowsAsync<PlatformApiException>(() => client.DownloadArtifactAsync(SampleRun, "f"));
        Assert.Equal(ErrorCodes.ResourceDoesNotExist, ex.ErrorCode);
        Assert.Equal(404, ex.HttpStatus);
    }

    [Fact]
    public async Task History_pages_pass_the_token_and_read_non_finite_values()
    {
        var (client, handler) = Client("""{"metrics": [{"key": "m", "value": "NaN", "timestamp": 1, "step": 0}], "next_page_token": "t2"}""");
        var page = await client.GetMetricHistoryPageAsync("r1", "m", 5, "t1");
        Assert.Equal("/api/2.0/mlflow/metrics/get-history?run_id=r1&metric_key=m&max_results=5&page_token=t1", handler.Requests[0].Url);
        Assert.True(double.IsNaN(page.Metrics[0].Value));
        Assert.Equal("t2", page.NextPageToken);
    }

    [Fact]
    public async Task Log_calls_send_mlflow_field_names()
    {
        var (client, handler) = Client();
        await client.LogMetricAsync("r1", "loss", double.PositiveInfinity, 5, 2);
        await client.DeleteTagAsync("r1", "t");
        Assert.Equal("""{"run_id":"r1","key":"loss","value":"Infinity","timestamp":5,"step":2}""", handler.Requests[0].Body);
        Assert.Equal("/api/2.0/mlflow/runs/delete-tag", handler.Requests[1].Url);
    }
}
