using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Client;
using Platform.Dashboard.Security;

namespace Platform.Dashboard.Tests.Security;

/// <summary>With a login, the dashboard's API calls carry the signed-in user's token; without one they carry none.</summary>
public sealed class DashboardLoginTests
{
    [Fact]
    public async Task The_signed_in_users_token_goes_with_every_api_call()
    {
        var api = new RecordingHandler();
        await using var provider = Build(api, requireLogin: true);
        using var scope = provider.CreateScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            User = DashboardLogin.Principal("erin", "viewer", "plt_0123456789_secret"),
        };

        await scope.ServiceProvider.GetRequiredService<TrackingClient>().SearchExperimentsAsync();

        Assert.Equal("Bearer plt_0123456789_secret", api.Authorization.Single());
    }

    [Fact]
    public async Task Without_a_login_no_credentials_are_sent()
    {
        var api = new RecordingHandler();
        await using var provider = Build(api, requireLogin: false);

        await provider.GetRequiredService<TrackingClient>().SearchExperimentsAsync();

        Assert.Equal([null], api.Authorization);
    }

    private static ServiceProvider Build(RecordingHandler api, bool requireLogin)
    {
        var services = new ServiceCollection();
        services.AddPlatformDashboard(o =>
        {
            o.ApiBaseAddress = new Uri("http://platform.test/");
            o.RequireLogin = requireLogin;
        });
        services.AddHttpClient(DashboardOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => api);
        return services.BuildServiceProvider();
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<string?> Authorization { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization.Add(request.Headers.Authorization?.ToString());
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"experiments\":[]}") });
        }
    }
}
