using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Platform.Contracts.Api;
using Platform.Silo.Api;

namespace Platform.Silo.Security;

/// <summary>
/// Who makes a request: the token's name (the identity that owns what it creates), its role and the token's public id.
/// With authentication off every request is <see cref="Local"/>, an admin.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.PlatformCaller")]
public sealed record PlatformCaller([property: Id(0)] string Name, [property: Id(1)] PlatformRole Role, [property: Id(2)] string? TokenId)
{
    public const string RoleClaim = "platform.role";
    public const string TokenIdClaim = "platform.token_id";

    public static PlatformCaller Local { get; } = new("local", PlatformRole.Admin, null);

    public bool Has(PlatformRole needed) => Role >= needed;

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, Name), new(RoleClaim, Role.Name()) };
        if (TokenId is not null)
            claims.Add(new Claim(TokenIdClaim, TokenId));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, RoleClaim));
    }

    /// <summary>The caller a principal built by <see cref="ToPrincipal"/> stands for; null for anyone else (anonymous).</summary>
    public static PlatformCaller? From(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && PlatformRoles.TryParse(user.FindFirstValue(RoleClaim), out var role)
            ? new PlatformCaller(user.Identity.Name ?? "", role, user.FindFirstValue(TokenIdClaim))
            : null;

    /// <summary>The caller of an API request; unauthenticated (no security middleware ran) fails closed.</summary>
    public static PlatformCaller Of(HttpContext http) =>
        From(http.User) ?? throw new ApiRequestException(ErrorCodes.Unauthenticated, $"Authentication required for {http.Request.Method} {http.Request.Path}");
}
