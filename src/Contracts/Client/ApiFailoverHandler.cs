namespace Platform.Contracts.Client;

/// <summary>
/// Sends each request to one of several addresses of the platform API (silos outside a load balancer), moving to the next
/// when the current one cannot be connected to. It stays on the address that answered, so a dead silo costs one failed
/// connection, not one per call. Only connection failures move on: nothing was sent, so even a streamed body can go to the
/// next address; an answer of any status, or a failure after sending, is the caller's to handle (see <see cref="TransientRetry"/>).
/// </summary>
internal sealed class ApiFailoverHandler : DelegatingHandler
{
    private readonly IReadOnlyList<Uri> addresses;
    private int current;

    /// <param name="addresses">Absolute base addresses; requests are built on the first (the <see cref="HttpClient.BaseAddress"/>).</param>
    public ApiFailoverHandler(IReadOnlyList<Uri> addresses)
        : base(new SocketsHttpHandler())
    {
        this.addresses = addresses;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var primary = addresses[0].AbsoluteUri;
        var uri = request.RequestUri!.AbsoluteUri;
        if (!uri.StartsWith(primary, StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var relative = uri[primary.Length..];
        var start = Volatile.Read(ref current);
        for (var attempt = 0; ; attempt++)
        {
            var index = (start + attempt) % addresses.Count;
            request.RequestUri = new Uri(addresses[index], relative);
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                Interlocked.CompareExchange(ref current, index, start);
                return response;
            }
            catch (HttpRequestException e) when (IsUnreachable(e) && attempt + 1 < addresses.Count && !cancellationToken.IsCancellationRequested)
            {
                // Try the next address.
            }
        }
    }

    private static bool IsUnreachable(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;
}
