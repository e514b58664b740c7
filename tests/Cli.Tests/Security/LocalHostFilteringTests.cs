using System.Net;
using Platform.Cli.Tests.Infrastructure;

namespace Platform.Cli.Tests.Security;

/// <summary>Local mode answers only requests addressed to loopback, so a rebound host name cannot reach its API.</summary>
public sealed class LocalHostFilteringTests() : EmbeddedPlatformTest("platform-hosts", trialsInOwnProcess: false)
{
    [Theory]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("[::1]", HttpStatusCode.OK)]
    [InlineData("attacker.example", HttpStatusCode.BadRequest)]
    [InlineData("127.0.0.1.attacker.example", HttpStatusCode.BadRequest)]
    public async Task Only_loopback_host_names_are_answered(string host, HttpStatusCode expected)
    {
        Assert.Equal(expected, await StatusForHostAsync(Platform.BaseAddress, host));
    }

    internal static async Task<HttpStatusCode> StatusForHostAsync(Uri baseAddress, string host)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/2.0/mlflow/experiments/search?max_results=1");
        request.Headers.Host = $"{host}:{baseAddress.Port}";
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
