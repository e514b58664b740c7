using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Platform.Cli.Local;
using Platform.ServiceDefaults;
using Platform.Silo.Hosting;
using Platform.Silo.Store;
using Platform.Testing;

namespace Platform.Cli.Tests.Observability;

/// <summary>What Kubernetes probes and Prometheus see: readiness follows the store, and none of it needs (or leaks) a token.</summary>
[Collection(MetricsCollection.Name)] // its hosts' meters would otherwise end series another test is scraping
public sealed class ProbeEndpointsTests
{
    [Fact]
    public async Task Readiness_is_503_while_the_store_does_not_answer_and_liveness_stays_200()
    {
        // Nothing listens on the port, so every connection is refused at once.
        const string password = "not-a-real-secret";
        var connectionString = $"Host=127.0.0.1;Port={FreeTcpPort.OnLoopback()};Username=platform;Password={password};Database=platform;Timeout=3";
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreeTcpPort.OnLoopback()}");
        builder.AddServiceDefaults();
        builder.Services.AddTrackingStore(new StoreOptions { Provider = "postgres", ConnectionString = connectionString });
        builder.Services.AddHealthChecks().AddTrackingStoreCheck();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var ready = await http.GetAsync(DefaultEndpoints.Readiness);
        var readyBody = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", readyBody); // no exception text: it could name hosts or users
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(DefaultEndpoints.Liveness)).StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task With_authentication_on_probes_and_metrics_are_anonymous_while_the_api_is_not()
    {
        using var home = new TempDirectory("platform-probes");
        await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions { Home = home.Path, Auth = true, Quiet = true });
        using var http = new HttpClient { BaseAddress = platform.BaseAddress };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/platform/v1/assignments")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(DefaultEndpoints.Liveness)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(DefaultEndpoints.Readiness)).StatusCode);
        var metrics = await http.GetAsync(DefaultEndpoints.Metrics);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE", text);
        Assert.DoesNotContain(platform.BootstrapAdmin!.Value, text);
    }
}
