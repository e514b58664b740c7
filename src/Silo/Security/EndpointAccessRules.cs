namespace Platform.Silo.Security;

/// <summary>
/// The role each API endpoint needs, decided from its HTTP method and route pattern, so every endpoint mapped under the secured
/// group (including ones added later) gets a rule without touching this file:
/// reads (GET, HEAD, and MLflow's POST searches) need viewer; permanent deletion (every DELETE) and token management need admin;
/// every other write needs submitter. Ownership (a submitter may cancel only what it created) is checked by <see cref="Ownership"/>.
/// </summary>
public static class EndpointAccessRules
{
    public const string TokensPath = "/api/platform/v1/tokens";

    public static PlatformRole RequiredRole(string method, string routePattern)
    {
        var path = "/" + routePattern.Trim('/');
        if (path.StartsWith(TokensPath, StringComparison.OrdinalIgnoreCase))
            return PlatformRole.Admin;
        return method.ToUpperInvariant() switch
        {
            "GET" or "HEAD" => PlatformRole.Viewer,
            "POST" when path.EndsWith("/search", StringComparison.OrdinalIgnoreCase) => PlatformRole.Viewer,
            "DELETE" => PlatformRole.Admin,
            _ => PlatformRole.Submitter,
        };
    }

    /// <summary>The authorization policy name of a role.</summary>
    public static string Policy(PlatformRole role) => "platform." + role.Name();
}
