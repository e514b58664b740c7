using System.Text.Json;
using Platform.Contracts.Api;

namespace Platform.Dashboard.Formatting;

/// <summary>Turns a failed API call into one sentence for the page; stack traces stay in the server log.</summary>
public static class ApiErrorText
{
    /// <summary>True for the failures a page should show as a message (the API answered badly, or not at all).</summary>
    public static bool IsApiFailure(Exception e) =>
        e is PlatformApiException or HttpRequestException or JsonException or TimeoutException
            || (e is TaskCanceledException { InnerException: TimeoutException });

    /// <param name="what">What was being loaded, e.g. "Run 'abc'".</param>
    public static string Describe(Exception e, string what) => e switch
    {
        PlatformApiException { ErrorCode: ErrorCodes.ResourceDoesNotExist } => $"{what} not found.",
        PlatformApiException api => $"Could not load {Lower(what)}: {api.Message}",
        HttpRequestException http => $"The platform API is unreachable ({http.Message}).",
        JsonException => $"Could not load {Lower(what)}: the platform API sent a response the dashboard cannot read.",
        _ => $"Could not load {Lower(what)}: the platform API did not answer in time.",
    };

    private static string Lower(string what) => what.Length > 0 ? char.ToLowerInvariant(what[0]) + what[1..] : what;
}
