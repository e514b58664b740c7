using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Silo.Api;
using Platform.Silo.Store;
using Platform.Silo.Tests.Infrastructure;

namespace Platform.Silo.Tests.Api;

/// <summary>
/// The tracking API alone (store, JSON options, middleware, MLflow and platform tracking endpoints) on a real Kestrel socket at
/// 127.0.0.1 with a free port: the same pieces the silo composes, without Orleans.
/// </summary>
public sealed class TrackingApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TrackingApiHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public ITrackingStore Store => _app.Services.GetRequiredService<ITrackingStore>();

    /// <summary>The configured artifact root (null when the host has none).</summary>
    public string? ArtifactRoot => _app.Services.GetRequiredService<StoreOptions>().ArtifactRoot;

    /// <param name="logs">Where the host's log messages go (none are kept when null).</param>
    public static async Task<TrackingApiHost> StartAsync(StoreOptions options, ConcurrentQueue<string>? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
            builder.Logging.AddProvider(new CapturingLoggerProvider(logs));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddTrackingStore(options);
        builder.Services.AddTrackingApi();
        var app = builder.Build();
        app.UseTrackingApi();
        await app.Services.GetRequiredService<ITrackingStore>().MigrateAsync();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TrackingApiHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
