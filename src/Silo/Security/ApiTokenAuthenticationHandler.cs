using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts.Api;
using Platform.Silo.Api;

namespace Platform.Silo.Security;

/// <summary>
/// Authenticates API requests by token (<see cref="BearerOrBasicCredentials"/>), looked up by its SHA-256 hash. With authentication
/// off every request is the local admin. Challenges and refusals answer MLflow's error body: 401 UNAUTHENTICATED, 403 PERMISSION_DENIED.
/// Token values are never logged: failures log the token's shape only.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<AuthOptions> auth, IApiTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PlatformToken";

    private const string FailureKey = "platform.auth.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!auth.Value.Enabled)
            return Success(PlatformCaller.Local);
        var token = BearerOrBasicCredentials.Parse(Request.Headers.Authorization, out var error);
        if (token is null)
            return error is null ? AuthenticateResult.NoResult() : Fail(error);
        var record = await tokens.FindActiveTokenAsync(ApiTokenSecrets.Hash(token), Context.RequestAborted);
        return record is null
            ? Fail("the token is unknown or revoked")
            : Success(new PlatformCaller(record.Name, record.Role, record.TokenId));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer, Basic realm=\"platform\"";
        var reason = Context.Items[FailureKey] as string ?? "no token: send Authorization: Bearer <token>";
        await ApiExceptionMiddleware.WriteErrorAsync(Context, new ApiError(ErrorCodes.Unauthenticated,
            $"Authentication required for {Request.Method} {Request.Path}: {reason}"));
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var caller = PlatformCaller.From(Context.User);
        var needed = Context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>()?.Policy?.Replace("platform.", "", StringComparison.Ordinal) ?? "another role";
        await ApiExceptionMiddleware.WriteErrorAsync(Context, new ApiError(ErrorCodes.PermissionDenied,
            $"'{caller?.Name}' (role {caller?.Role.Name()}) may not call {Request.Method} {Request.Path}: needs {needed}"));
    }

    private AuthenticateResult Success(PlatformCaller caller) =>
        AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[FailureKey] = reason;
        Logger.LogInformation("Refused credentials on {Method} {Path}: {Reason}", Request.Method, Request.Path, reason);
        return AuthenticateResult.Fail(reason);
    }
}
