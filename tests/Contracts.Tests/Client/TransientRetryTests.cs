using System.Net;
using System.Text;
using Platform.Contracts.Api;
using Platform.Contracts.Client;

namespace Platform.Contracts.Tests.Client;

/// <summary>Which answers <see cref="TransientRetry"/> re-sends, against a handler that answers from a script (no server).</summary>
public sealed class TransientRetryTests
{
    private const string Unavailable = """{"error_code": "TEMPORARILY_UNAVAILABLE", "message": "the tracking database is unavailable: Failed to connect to 127.0.0.1:5432; retry"}""";

    /// <summary>Answers each request with the next scripted status (the last one repeats) and counts the requests.</summary>
    private sealed class ScriptedHandler(params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var (status, body) = answers[Math.Min(Requests++, answers.Length - 1)];
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private static TrackingClient Client(HttpMessageHandler handler) => new(new HttpClient(handler) { BaseAddress = new Uri("http://server/") });

    [Fact]
    public async Task A_call_answered_503_temporarily_unavailable_is_sent_again_until_it_succeeds()
    {
        var handler = new ScriptedHandler((HttpStatusCode.ServiceUnavailable, Unavailable), (HttpStatusCode.ServiceUnavailable, Unavailable), (HttpStatusCode.OK, "{}"));

        await TransientRetry.RunAsync(c => Client(handler).SetTagAsync("r1", "platform.device", "cpu", c), CancellationToken.None);

        Assert.Equal(3, handler.Requests);
    }

    [Fact]
    public async Task A_refusal_is_not_sent_again()
    {
        var handler = new ScriptedHandler((HttpStatusCode.BadRequest, """{"error_code": "INVALID_PARAMETER_VALUE", "message": "bad key"}"""));

        var error = await Assert.ThrowsAsync<PlatformApiException>(
            () => TransientRetry.RunAsync(c => Client(handler).SetTagAsync("r1", "", "cpu", c), CancellationToken.None));

        Assert.Equal(ErrorCodes.InvalidParameterValue, error.ErrorCode);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task A_caller_that_stops_while_the_api_is_unavailable_sees_its_cancellation_not_the_outage()
    {
        using var stop = new CancellationTokenSource();
        var calls = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TransientRetry.RunAsync(_ =>
        {
            if (++calls == 2)
                stop.Cancel(); // the caller gave up while this answer was on its way
            throw new PlatformApiException(ErrorCodes.TemporarilyUnavailable, "the tracking database is unavailable: down; retry", 503);
        }, stop.Token));

        Assert.Equal(2, calls);
    }

    [Fact]
    public void Temporarily_unavailable_is_mlflows_503()
    {
        Assert.Equal(503, ErrorCodes.HttpStatus(ErrorCodes.TemporarilyUnavailable));
        Assert.True(TransientRetry.IsTransient(new PlatformApiException(ErrorCodes.TemporarilyUnavailable, "down", 503)));
    }

    [Fact]
    public void A_connection_that_breaks_mid_response_is_transient_a_local_io_error_or_a_refusal_is_not()
    {
        var broken = new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.NotConnected);
        Assert.True(TransientRetry.IsTransient(broken));
        Assert.True(TransientRetry.IsTransient(new IOException("Unable to read data from the transport connection", broken)));
        Assert.True(TransientRetry.IsTransient(new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely")));
        Assert.False(TransientRetry.IsTransient(new IOException("disk full")));
        Assert.False(TransientRetry.IsTransient(new PlatformApiException(ErrorCodes.InvalidParameterValue, "bad", 400)));
    }
}
