using System.Net.Http.Headers;

namespace Platform.Contracts.Client;

/// <summary>The one way the platform's own processes make an <see cref="HttpClient"/> for its API.</summary>
public static class PlatformHttpClient
{
    /// <summary>
    /// A client of the API at <paramref name="addresses"/> (the first is the usual one; the others are used while it cannot be
    /// connected to), sending <paramref name="token"/> as a bearer token when there is one.
    /// </summary>
    public static HttpClient Create(IReadOnlyList<Uri> addresses, string? token)
    {
        ArgumentOutOfRangeException.ThrowIfZero(addresses.Count);
        var http = addresses.Count == 1 ? new HttpClient() : new HttpClient(new ApiFailoverHandler(addresses));
        http.BaseAddress = addresses[0];
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public static HttpClient Create(Uri address, string? token) => Create([address], token);
}
