using Platform.Contracts.Client;

namespace Platform.Cli.Local;

/// <summary>HTTP clients of a running platform's API for <c>--server</c> commands.</summary>
internal static class PlatformHttp
{
    /// <summary>The variable that holds the token of <c>--server</c> commands (an environment variable, never an argument, so it stays out of shell history and ps).</summary>
    public const string TokenVariable = "PLATFORM_TOKEN";

    public static HttpClient ForServer(Uri baseAddress) => PlatformHttpClient.Create(baseAddress, Environment.GetEnvironmentVariable(TokenVariable));
}
