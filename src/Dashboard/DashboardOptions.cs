namespace Platform.Dashboard;

/// <summary>Settings of the dashboard, bound by the host (section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration key of <see cref="ApiBaseAddress"/>, used in validation messages so operators know what to fix.</summary>
    public const string ApiBaseAddressKey = "Dashboard:ApiBaseAddress";

    /// <summary>The name of the <see cref="HttpClient"/> that talks to the platform API; tests and hosts can customise it through IHttpClientFactory.</summary>
    public const string HttpClientName = "Platform.Dashboard.Api";

    /// <summary>Base address of the platform HTTP API (the MLflow-compatible tracking API and /api/platform/v1), for example http://127.0.0.1:5000/.</summary>
    public Uri? ApiBaseAddress { get; set; }

    /// <summary>
    /// Pages need a login with an API token (a cookie session), and the dashboard's API calls carry the user's token. Set when the
    /// platform API requires authentication; the host must then call <c>UseAuthentication()</c> and <c>UseAuthorization()</c>.
    /// </summary>
    public bool RequireLogin { get; set; }

    /// <summary>Timeout of each API call; the pages show a readable error instead of hanging.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often live pages (a running sweep, the cluster) reload on the server and push the change to the browser.</summary>
    public TimeSpan LiveRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Returns the problems of these settings; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ApiBaseAddress is null)
        {
            errors.Add($"{ApiBaseAddressKey} is required (the base address of the platform API, e.g. http://127.0.0.1:5000/).");
        }
        else if (!ApiBaseAddress.IsAbsoluteUri || (ApiBaseAddress.Scheme != Uri.UriSchemeHttp && ApiBaseAddress.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{ApiBaseAddressKey} must be an absolute http or https URI, got '{ApiBaseAddress.OriginalString}'.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Dashboard:RequestTimeout must be positive, got {RequestTimeout}.");
        }

        if (LiveRefreshInterval < TimeSpan.FromMilliseconds(10))
        {
            errors.Add($"Dashboard:LiveRefreshInterval must be at least 10 ms, got {LiveRefreshInterval}.");
        }

        return errors;
    }

    /// <summary>
    /// The base address with a trailing slash: the clients use relative paths ("api/2.0/..."), and without the slash
    /// a path base such as http://host/platform would lose its last segment.
    /// </summary>
    internal Uri NormalizedBaseAddress()
    {
        var uri = ApiBaseAddress ?? throw new InvalidOperationException($"{ApiBaseAddressKey} is not set.");
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
