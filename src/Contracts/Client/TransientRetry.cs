using Platform.Contracts.Api;

namespace Platform.Contracts.Client;

/// <summary>
/// Calls to the platform's API re-sent while the API cannot answer them: unreachable, or failing on the server (its database
/// restarting: 503 TEMPORARILY_UNAVAILABLE; a silo failing over). Only for calls that are safe to repeat: the store skips
/// identical metric points, params and tags are set to the same value again, artifact uploads overwrite, reads change nothing.
/// </summary>
public static class TransientRetry
{
    /// <summary>How long a call is re-sent before its last error is let through.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Patience;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && DateTime.UtcNow < deadline)
            {
                // A caller that stops (a trial cancelled while the API is down) sees its cancellation, not the outage's last error.
                ct.ThrowIfCancellationRequested();
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * attempt * attempt, 2000)), ct).ConfigureAwait(false);
            }
        }
    }

    public static Task RunAsync(Func<CancellationToken, Task> call, CancellationToken ct) =>
        RunAsync(async c =>
        {
            await call(c).ConfigureAwait(false);
            return true;
        }, ct);

    /// <summary>
    /// Unreachable or failing on the server. A connection that breaks while a response streams in surfaces as an
    /// <see cref="HttpIOException"/> or an IOException over a socket error, and once in a cluster test as a bare
    /// <see cref="System.Net.Sockets.SocketException"/> ("Transport endpoint is not connected") when a silo was killed.
    /// </summary>
    public static bool IsTransient(Exception e) =>
        e is HttpRequestException or HttpIOException or System.Net.Sockets.SocketException ||
        e is IOException { InnerException: System.Net.Sockets.SocketException } ||
        e is PlatformApiException { HttpStatus: >= 500 or 429 };
}
