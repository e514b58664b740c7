using System.Net.Http.Headers;

namespace Platform.Cli.Local;

/// <summary>HTTP clients of the platform API, sending a token when there is one.</summary>
internal static class PlatformHttp
{
    /// <summary>The variable that holds the token of <c>--server</c> commands (an environment variable, never an argument, so it stays out of shell history and ps).</summary>
    public const string TokenVariable = "PLATFORM_TOKEN";

    public static HttpClient Create(Uri baseAddress, string? token)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        if (!string.IsNullOrEmpty(token))
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static HttpClient ForServer(Uri baseAddress) => Create(baseAddress, Environment.GetEnvironmentVariable(TokenVariable));
}
