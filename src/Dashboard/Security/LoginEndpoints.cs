using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.Contracts.Api;
using Platform.Contracts.Client;

namespace Platform.Dashboard.Security;

/// <summary><c>GET/POST /login</c> (a plain form: it must work before any circuit exists) and <c>POST /logout</c>.</summary>
internal static class LoginEndpoints
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LoginPath, (HttpContext http, IAntiforgery antiforgery, string? ReturnUrl) =>
            Page(http, antiforgery, ReturnUrl, null, StatusCodes.Status200OK)).ExcludeFromDescription();

        endpoints.MapPost(LoginPath, async ([FromForm] string? token, [FromForm] string? returnUrl, HttpContext http, IAntiforgery antiforgery,
            IHttpClientFactory clients, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(token))
                return Page(http, antiforgery, returnUrl, "Enter an API token.", StatusCodes.Status400BadRequest);
            var api = clients.CreateClient(DashboardOptions.HttpClientName);
            DashboardLogin.Authorize(api, token.Trim());
            CallerView caller;
            try
            {
                caller = await new PlatformClient(api).WhoAmIAsync(ct);
            }
            catch (PlatformApiException e) when (e.HttpStatus is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
            {
                // Never echo the token: only that it was refused.
                return Page(http, antiforgery, returnUrl, "That token is unknown or revoked.", StatusCodes.Status401Unauthorized);
            }

            await DashboardLogin.SignInAsync(http, DashboardLogin.Principal(caller.Name, caller.Role, token.Trim()));
            return Results.Redirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();

        endpoints.MapPost(LogoutPath, async (HttpContext http) =>
        {
            await http.SignOutAsync(DashboardLogin.Scheme);
            return Results.Redirect(LoginPath);
        }).ExcludeFromDescription();
    }

    // Only same-site paths: "//host" and "/\host" would send the user elsewhere after login.
    // Browsers drop tabs and newlines from a URL, so "/\t/evil.example" would become "//evil.example": no control characters.
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"<p class=\"error\" role=\"alert\">{html.Encode(error)}</p>";
        var body = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in · Platform</title><link rel="stylesheet" href="/_content/Platform.Dashboard/dashboard.css"></head>
            <body><main><h1>Sign in</h1>{message}
            <form method="post" action="{LoginPath}">
            <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken ?? "")}">
            <input type="hidden" name="returnUrl" value="{html.Encode(IsLocal(returnUrl) ? returnUrl! : "/")}">
            <label>API token <input type="password" name="token" autocomplete="off" required></label>
            <button type="submit">Sign in</button>
            </form><p>Ask an admin for a token (<code>platform token create --role viewer --name you</code>).</p></main></body></html>
            """;
        return Results.Content(body, "text/html; charset=utf-8", statusCode: status);
    }
}
