using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Silo.Security;

namespace Platform.Silo.Tests.Security;

/// <summary>
/// Every endpoint the silo maps, called by every role and without a token: refused with 401 UNAUTHENTICATED without a token,
/// 403 PERMISSION_DENIED below its role, and never 401, 403 or 500 at or above it. The endpoints are read from routing, so an
/// endpoint added later is covered without editing this test.
/// </summary>
public sealed class EndpointRoleMatrixTests(SecuredPlatformFixture fixture) : IClassFixture<SecuredPlatformFixture>
{
    private static readonly PlatformRole[] Roles = [PlatformRole.Viewer, PlatformRole.Submitter, PlatformRole.Admin];

    [Fact]
    public void Every_api_endpoint_has_exactly_one_role_policy()
    {
        var endpoints = ApiEndpoints(fixture.Host.Services);
        Assert.True(endpoints.Count >= 40, $"expected every API endpoint, found {endpoints.Count}");
        foreach (var (method, pattern, endpoint) in endpoints)
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToArray();
            Assert.True(policies.Length == 1, $"{method} {pattern}: policies [{string.Join(", ", policies)}]");
            Assert.Equal(EndpointAccessRules.Policy(EndpointAccessRules.RequiredRole(method, pattern)), policies[0]);
        }
    }

    [Theory]
    [InlineData("GET", "/api/2.0/mlflow/runs/get", PlatformRole.Viewer)]
    [InlineData("POST", "/api/2.0/mlflow/runs/search", PlatformRole.Viewer)]
    [InlineData("POST", "/ajax-api/2.0/mlflow/experiments/search", PlatformRole.Viewer)]
    [InlineData("GET", "/api/2.0/mlflow-artifacts/artifacts/{**path}", PlatformRole.Viewer)]
    [InlineData("POST", "/api/2.0/mlflow/runs/log-batch", PlatformRole.Submitter)]
    [InlineData("PUT", "/api/2.0/mlflow-artifacts/artifacts/{**path}", PlatformRole.Submitter)]
    [InlineData("POST", "/api/platform/v1/runs", PlatformRole.Submitter)]
    [InlineData("POST", "/api/platform/v1/sweeps/{sweepId}/cancel", PlatformRole.Submitter)]
    [InlineData("POST", "/api/platform/v1/runs/{runId}/logs", PlatformRole.Submitter)]
    [InlineData("GET", "/api/platform/v1/runs/{runId}/logs", PlatformRole.Viewer)]
    [InlineData("DELETE", "/api/platform/v1/runs/{runId}", PlatformRole.Admin)]
    [InlineData("DELETE", "/api/2.0/mlflow-artifacts/artifacts/{**path}", PlatformRole.Admin)]
    [InlineData("GET", "/api/platform/v1/tokens", PlatformRole.Admin)]
    [InlineData("POST", "/api/platform/v1/tokens/{tokenId}/revoke", PlatformRole.Admin)]
    public void Rules_give_each_kind_of_endpoint_its_role(string method, string pattern, PlatformRole expected) =>
        Assert.Equal(expected, EndpointAccessRules.RequiredRole(method, pattern));

    [Fact]
    public async Task Every_endpoint_refuses_the_roles_below_its_own_and_admits_the_others()
    {
        var host = fixture.Host;
        var tokens = new Dictionary<PlatformRole, string>();
        foreach (var role in Roles)
            tokens[role] = await host.TokenAsync(role, "matrix-" + role.Name());
        var failures = new List<string>();
        foreach (var (method, pattern, _) in ApiEndpoints(host.Services))
        {
            var needed = EndpointAccessRules.RequiredRole(method, pattern);
            var (status, code) = await CallAsync(host, null, method, pattern);
            if (status != HttpStatusCode.Unauthorized || code != "UNAUTHENTICATED")
                failures.Add($"{method} {pattern} without a token: {(int)status} {code}");
            foreach (var role in Roles)
            {
                (status, code) = await CallAsync(host, tokens[role], method, pattern);
                var refused = status == HttpStatusCode.Forbidden && code == "PERMISSION_DENIED";
                if (role < needed && !refused)
                    failures.Add($"{method} {pattern} as {role.Name()} (needs {needed.Name()}): {(int)status} {code}, expected 403");
                if (role >= needed && (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (int)status >= 500))
                    failures.Add($"{method} {pattern} as {role.Name()}: {(int)status} {code}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    internal static List<(string Method, string Pattern, RouteEndpoint Endpoint)> ApiEndpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Method: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "POST", Pattern: e.RoutePattern.RawText ?? "", Endpoint: e))
            .Where(e => e.Pattern.TrimStart('/').StartsWith("api", StringComparison.Ordinal) || e.Pattern.TrimStart('/').StartsWith("ajax-api", StringComparison.Ordinal))
            .ToList();

    /// <summary>Calls the endpoint with placeholder route values and an empty JSON object (or a small file for uploads).</summary>
    private static async Task<(HttpStatusCode Status, string? Code)> CallAsync(SecuredPlatformHost host, string? token, string method, string pattern)
    {
        var path = pattern
            .Replace("{**path}", "1/0123456789abcdef0123456789abcdef/artifacts/matrix.txt", StringComparison.Ordinal)
            .Replace("{runId}", "0123456789abcdef0123456789abcdef", StringComparison.Ordinal)
            .Replace("{sweepId}", "0123456789abcdef0123456789abcdef", StringComparison.Ordinal)
            .Replace("{experimentId}", "999999", StringComparison.Ordinal)
            .Replace("{tokenId}", "0000000000", StringComparison.Ordinal)
            .Replace("{key}", "loss", StringComparison.Ordinal);
        Assert.DoesNotContain("{", path);
        using var http = host.Client(token);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
        if (method is "POST" or "PUT")
            request.Content = method == "PUT" ? new StringContent("matrix") : new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        string? code = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            code = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error_code", out var c) ? c.GetString() : null;
        }
        catch (JsonException)
        {
        }

        return (response.StatusCode, code);
    }
}
