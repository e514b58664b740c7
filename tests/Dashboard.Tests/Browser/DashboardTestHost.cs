using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Browser;

/// <summary>
/// The dashboard on a real Kestrel port, wired the way the platform host wires it, with the API replaced by a
/// <see cref="FakeTrackingApi"/> behind the dashboard's named HttpClient.
/// </summary>
public sealed class DashboardTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardTestHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<DashboardTestHost> StartAsync(FakeTrackingApi api, TimeProvider clock)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Development + this assembly's name: the host then finds the static web assets manifest
            // (dashboard.css from the Razor class library) in the test output, as a host project would in its own.
            ApplicationName = typeof(DashboardTestHost).Assembly.GetName().Name,
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // A failing test can leave a circuit open; do not wait the default 30 s for it on shutdown.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));

        builder.Services.AddSingleton(clock);
        builder.Services.AddPlatformDashboard(o => o.ApiBaseAddress = new Uri("http://platform.test/"));
        builder.Services.AddHttpClient(DashboardOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => api);

        var app = builder.Build();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapPlatformDashboard();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new DashboardTestHost(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
