using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;

namespace Platform.Contracts.Client;

/// <summary>The JSON request/response plumbing shared by the typed clients: one place that turns error bodies into <see cref="PlatformApiException"/>.</summary>
internal static class ApiHttp
{
    public static async Task<T> GetAsync<T>(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct).ConfigureAwait(false);
        return await ReadAsync<T>(response, ct).ConfigureAwait(false);
    }

    public static async Task<T> PostAsync<T>(HttpClient http, string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(path, body, TrackingJson.Options, ct).ConfigureAwait(false);
        return await ReadAsync<T>(response, ct).ConfigureAwait(false);
    }

    /// <summary>Sends any request (PUT, DELETE, streamed bodies) and reads the JSON answer.</summary>
    public static async Task<T> SendAsync<T>(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        return await ReadAsync<T>(response, ct).ConfigureAwait(false);
    }

    /// <summary>Sends the request and returns the response for streaming its body; error responses throw as in <see cref="GetAsync{T}"/>.</summary>
    public static async Task<HttpResponseMessage> SendStreamingAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            await ReadAsync<object>(response, ct).ConfigureAwait(false);
        throw new InvalidOperationException("unreachable: ReadAsync throws for error responses");
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            ApiError? error = null;
            try
            {
                error = JsonSerializer.Deserialize<ApiError>(text, TrackingJson.Options);
            }
            catch (JsonException)
            {
            }

            throw new PlatformApiException(
                error?.ErrorCode ?? ErrorCodes.InternalError,
                error?.Message ?? $"HTTP {(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text}",
                (int)response.StatusCode);
        }

        return JsonSerializer.Deserialize<T>(text, TrackingJson.Options)
               ?? throw new PlatformApiException(ErrorCodes.InternalError, $"empty response from {response.RequestMessage?.RequestUri}", (int)response.StatusCode);
    }
}
