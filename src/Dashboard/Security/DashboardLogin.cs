using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Dashboard.Security;

/// <summary>
/// The dashboard's login (with <see cref="DashboardOptions.RequireLogin"/>): a cookie session opened by entering an API token,
/// which the API checks (<c>whoami</c>). The token travels inside the encrypted, HttpOnly cookie only, and the dashboard's own calls
/// to the API carry it (<see cref="UserToken"/>), so the API authorizes the person using the dashboard. Cookies never authorize the API.
/// </summary>
internal static class DashboardLogin
{
    public const string Scheme = "PlatformDashboard";
    public const string Policy = "platform.dashboard";
    public const string TokenClaim = "platform.api_token";
    public const string RoleClaim = "platform.role";

    public static void AddServices(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(o => o.DefaultScheme = Scheme).AddCookie(Scheme, o =>
        {
            o.LoginPath = LoginEndpoints.LoginPath;
            o.LogoutPath = LoginEndpoints.LogoutPath;
            o.Cookie.Name = "platform.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
        });
        services.AddAuthorization(o => o.AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()));
    }

    public static ClaimsPrincipal Principal(string name, string role, string token) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(RoleClaim, role), new Claim(TokenClaim, token)], Scheme));

    /// <summary>
    /// The signed-in user's token: from the request (pages rendered over HTTP, the artifact endpoint) or, in an interactive circuit,
    /// from its authentication state (set from the connecting request's cookie before any component is created). Null without login.
    /// </summary>
    public static string? UserToken(IServiceProvider services)
    {
        var user = services.GetService<IHttpContextAccessor>()?.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true && services.GetService<AuthenticationStateProvider>() is { } provider)
        {
            try
            {
                var state = provider.GetAuthenticationStateAsync();
                user = state.IsCompletedSuccessfully ? state.Result.User : null;
            }
            catch (InvalidOperationException)
            {
                // Outside a circuit the provider has no state yet: no user.
            }
        }

        return user?.FindFirst(TokenClaim)?.Value;
    }

    public static void Authorize(HttpClient http, string? token)
    {
        if (!string.IsNullOrEmpty(token))
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public static Task SignInAsync(HttpContext http, ClaimsPrincipal principal) =>
        http.SignInAsync(Scheme, principal, new AuthenticationProperties { IsPersistent = false });
}
