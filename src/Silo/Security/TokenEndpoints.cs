using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Contracts.Api;
using Platform.Silo.Api;

namespace Platform.Silo.Security;

/// <summary>
/// <c>/api/platform/v1/tokens</c> (admin, by <see cref="EndpointAccessRules"/>): create (the value is in this one answer), list,
/// revoke; and <c>GET /api/platform/v1/whoami</c> (any role), which the dashboard's login uses to check a token.
/// </summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder endpoints)
    {
        var tokens = endpoints.MapGroup(EndpointAccessRules.TokensPath);
        tokens.MapPost("", (TokenRequest body, IApiTokenStore store, CancellationToken ct) => ApiTokenIssuer.CreateAsync(store, body.Name, body.Role, ct));
        tokens.MapGet("", (IApiTokenStore store, CancellationToken ct) => ApiTokenIssuer.ListAsync(store, ct));
        tokens.MapPost("/{tokenId}/revoke", async (string tokenId, IApiTokenStore store, CancellationToken ct) =>
        {
            await ApiTokenIssuer.RevokeAsync(store, tokenId, ct);
            return new { };
        });

        endpoints.MapGet("/api/platform/v1/whoami", (HttpContext http) =>
        {
            var caller = PlatformCaller.Of(http);
            return new CallerView(caller.Name, caller.Role.Name());
        });
        return endpoints;
    }
}
