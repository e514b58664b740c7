using System.Net;
using System.Text;
using Platform.Contracts.Client;
using Platform.Testing;

namespace Platform.Contracts.Tests.Client;

/// <summary>
/// A client made with several API addresses, against real sockets: a port nothing listens on (a dead silo) and a live HTTP
/// listener that records what reaches it.
/// </summary>
public sealed class ApiFailoverTests : IDisposable
{
    private readonly HttpListener live = new();
    private readonly Uri liveAddress;
    private readonly Uri deadAddress = new($"http://127.0.0.1:{FreeTcpPort.OnLoopback()}/");
    private readonly List<(string Path, string Body, string? Authorization)> received = [];
    private readonly Task serving;

    public ApiFailoverTests()
    {
        liveAddress = new Uri($"http://127.0.0.1:{FreeTcpPort.OnLoopback()}/");
        live.Prefixes.Add(liveAddress.AbsoluteUri);
        live.Start();
        serving = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (live.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await live.GetContextAsync();
            }
            catch (Exception) when (!live.IsListening)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            lock (received)
            {
                received.Add((context.Request.Url!.PathAndQuery, reader.ReadToEnd(), context.Request.Headers["Authorization"]));
            }

            var answer = Encoding.UTF8.GetBytes("{}");
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    [Fact]
    public async Task A_request_goes_to_the_next_address_when_the_first_refuses_connections_and_stays_there()
    {
        using var http = PlatformHttpClient.Create([deadAddress, liveAddress], "secret-token");

        using var first = await http.PostAsync("api/2.0/mlflow/runs/log-batch?x=1", new StringContent("{\"run_id\":\"r\"}", Encoding.UTF8, "application/json"));
        using var second = await http.GetAsync("api/2.0/mlflow/runs/get?run_id=r");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(liveAddress, new Uri(first.RequestMessage!.RequestUri!.GetLeftPart(UriPartial.Authority) + "/"));
        Assert.Equal(
            [("/api/2.0/mlflow/runs/log-batch?x=1", "{\"run_id\":\"r\"}", "Bearer secret-token"), ("/api/2.0/mlflow/runs/get?run_id=r", "", "Bearer secret-token")],
            received);
    }

    [Fact]
    public async Task A_streamed_body_reaches_the_next_address_whole()
    {
        using var http = PlatformHttpClient.Create([deadAddress, liveAddress], null);
        var body = new string('x', 100_000);

        using var response = await http.PutAsync("upload", new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (path, received1, authorization) = Assert.Single(received);
        Assert.Equal(("/upload", body, null), (path, received1, authorization));
    }

    [Fact]
    public async Task When_no_address_answers_the_connection_error_reaches_the_caller_as_a_transient_one()
    {
        using var http = PlatformHttpClient.Create([deadAddress, new Uri($"http://127.0.0.1:{FreeTcpPort.OnLoopback()}/")], null);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("api/2.0/mlflow/experiments/search"));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.True(TransientRetry.IsTransient(error));
    }

    [Fact]
    public async Task An_error_answer_is_not_retried_elsewhere()
    {
        using var other = new HttpListener();
        var otherAddress = new Uri($"http://127.0.0.1:{FreeTcpPort.OnLoopback()}/");
        other.Prefixes.Add(otherAddress.AbsoluteUri);
        other.Start();
        var answering = Task.Run(async () =>
        {
            var context = await other.GetContextAsync();
            context.Response.StatusCode = 503;
            context.Response.Close();
        });
        using var http = PlatformHttpClient.Create([otherAddress, liveAddress], null);

        using var response = await http.GetAsync("api/2.0/mlflow/experiments/search");

        await answering;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(received);
    }

    public void Dispose()
    {
        live.Stop();
        live.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }
}
