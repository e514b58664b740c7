using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Contracts.Api;
using Platform.Silo.Api;
using Platform.Silo.Store;

namespace Platform.Silo.Security;

/// <summary>
/// Authentication (API tokens), authorization (a role per endpoint from <see cref="EndpointAccessRules"/>), per-token rate limits
/// and request body limits for the HTTP APIs. <see cref="AddPlatformSecurity"/> registers them; <see cref="MapSecuredGroup"/> gives the
/// route group every API endpoint is mapped under, and <see cref="UsePlatformSecurity"/> adds the middleware.
/// </summary>
public static class PlatformSecurityExtensions
{
    public static IServiceCollection AddPlatformSecurity(this IServiceCollection services, Action<AuthOptions>? configure = null)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.TryAddSingleton(sp => (IApiTokenStore)sp.GetRequiredService<ITrackingStore>());

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(o =>
        {
            foreach (var role in Enum.GetValues<PlatformRole>())
            {
                o.AddPolicy(EndpointAccessRules.Policy(role), p => p
                    .AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
                    .RequireAssertion(ctx => PlatformCaller.From(ctx.User)?.Has(role) == true));
            }
        });
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PerTokenPartition);
            o.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ApiExceptionMiddleware.WriteErrorAsync(context.HttpContext, new ApiError(ErrorCodes.RequestLimitExceeded,
                    $"Too many requests for this token: retry after {retryAfter} s"));
            };
        });
        return services;
    }

    /// <summary>
    /// A route group without prefix whose endpoints each get the policy of their role and a body size limit (the artifact upload's is
    /// the per-file artifact limit). Applied last, so it sees every endpoint's final method and pattern.
    /// </summary>
    public static RouteGroupBuilder MapSecuredGroup(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var group = app.MapGroup("");
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText ?? "";
            var method = Method(endpoint);
            endpoint.Metadata.Add(new AuthorizeAttribute(EndpointAccessRules.Policy(EndpointAccessRules.RequiredRole(method, pattern))));
            endpoint.Metadata.Add(new RequestBodyLimit(method == "PUT" && pattern.Contains("mlflow-artifacts", StringComparison.Ordinal)
                ? options.MaxArtifactFileBytes
                : options.MaxRequestBodyBytes));
        });
        return group;
    }

    /// <summary>Authentication, authorization, then the rate limiter (which partitions by the authenticated token).</summary>
    public static WebApplication UsePlatformSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    // The APIs map one method per endpoint; an endpoint with several or none is judged by its first, or as a write.
    private static string Method(EndpointBuilder endpoint) =>
        endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault()?.HttpMethods.FirstOrDefault() ?? "POST";

    private static RateLimitPartition<string> PerTokenPartition(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        var tokenId = PlatformCaller.From(http.User)?.TokenId;
        if (!options.Enabled || options.RequestsPerMinutePerToken == 0 || tokenId is null)
            return RateLimitPartition.GetNoLimiter("");
        var perMinute = options.RequestsPerMinutePerToken;
        return RateLimitPartition.GetTokenBucketLimiter(tokenId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = Math.Max(1, perMinute / 60),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
