using Platform.Cli.Local;
using Platform.Dashboard;
using Platform.ServiceDefaults;
using Platform.Silo.Hosting;
using Platform.Workers.Agent;

namespace Platform.Cli.Cluster;

/// <summary>
/// The cluster's processes, each a small <see cref="WebApplication"/> composed from the libraries' Add…/Map… methods and the
/// service defaults (health, readiness, metrics). <c>Build…</c> returns the app unstarted; the verbs run it until SIGTERM.
/// </summary>
internal static class ClusterProcesses
{
    /// <summary>An Orleans silo with the HTTP APIs (<c>Http:Port</c> 8080): joins the cluster named by the <c>Cluster</c> section.</summary>
    public static WebApplication BuildSilo(string[] args)
    {
        var builder = CreateBuilder(args, ClusterSettings.SiloHttpPort);
        var store = ClusterSettings.Store(builder.Configuration);
        var cluster = ClusterSettings.Cluster(builder.Configuration);
        ClusterSettings.ThrowIfInvalid(store.Validate().Concat(cluster.Validate(store.ConnectionString)));
        builder.AddPlatformSilo(store, cluster); // Auth:Enabled from configuration, on unless turned off
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapPlatformApis();
        return app;
    }

    /// <summary>
    /// A worker agent as an Orleans client (gateways from the membership table), trials in their own processes, and an HTTP
    /// port (<c>Http:Port</c> 8081) for health. SIGTERM drains: nothing new is leased and running trials get
    /// <c>Worker:DrainGracePeriod</c> (default 20 s) to end before they are handed back.
    /// </summary>
    public static WebApplication BuildWorker(string[] args)
    {
        var builder = CreateBuilder(args, ClusterSettings.WorkerHttpPort);
        var store = ClusterSettings.Store(builder.Configuration);
        var cluster = ClusterSettings.Cluster(builder.Configuration);
        if (builder.Configuration["Worker:DrainGracePeriod"] is null)
        {
            builder.Configuration["Worker:DrainGracePeriod"] = DefaultDrainGracePeriod.ToString();
        }

        var worker = ClusterSettings.Worker(builder.Configuration);
        ClusterSettings.ThrowIfInvalid(cluster.Validate(store.ConnectionString).Concat(worker.Validate()));
        // The host must wait for the drain, plus time for the hand-back calls.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = worker.DrainGracePeriod + TimeSpan.FromSeconds(10));
        builder.UseOrleansClient(client =>
        {
            client.UsePlatformClustering(cluster, store.ConnectionString);
            // Started before any silo, or while none is up: keep trying instead of failing the process.
            client.UseConnectionRetryFilter(async (_, ct) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                return true;
            });
        });
        builder.Services.AddWorkerAgent(worker);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        return app;
    }

    public static readonly TimeSpan DefaultDrainGracePeriod = TimeSpan.FromSeconds(20);

    /// <summary>The Blazor dashboard (<c>Http:Port</c> 8080) reading the platform API at <c>Dashboard:ApiUrl</c>.</summary>
    public static WebApplication BuildDashboard(string[] args)
    {
        var builder = CreateBuilder(args, ClusterSettings.DashboardHttpPort);
        var apiUrl = ClusterSettings.DashboardApiUrl(builder.Configuration);
        var requireLogin = builder.Configuration.GetValue("Dashboard:RequireLogin", true);
        builder.WebHost.UseStaticWebAssets(); // the dashboard's assets from build output, in every environment
        builder.Services.AddPlatformDashboard(d =>
        {
            d.ApiBaseAddress = apiUrl;
            d.RequireLogin = requireLogin;
        });
        var app = builder.Build();
        app.MapDefaultEndpoints();
        if (requireLogin)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapPlatformDashboard();
        return app;
    }

    private static WebApplicationBuilder CreateBuilder(string[] args, int defaultHttpPort)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(ClusterProcesses).Assembly.GetName().Name, // names the static web assets manifest
        });
        builder.WebHost.UseUrls(ClusterSettings.HttpUrl(builder.Configuration, defaultHttpPort));
        EmbeddedPlatform.ConfigureLogging(builder.Logging, quiet: false);
        builder.AddServiceDefaults(); // /healthz, /readyz, /metrics
        return builder;
    }
}
