using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Silo.Store;
using Platform.Silo.Store.Sqlite;
using Platform.Silo.Sweeps.Lifecycle;
using Platform.Testing;

namespace Platform.Silo.Tests.Grains;

/// <summary>A one-silo Orleans host on loopback with the platform's grains, a temporary SQLite store and a given retry policy.</summary>
internal sealed class GrainTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _dir;

    private GrainTestHost(IHost host, string dir, ITrackingStore store)
    {
        (_host, _dir, Store) = (host, dir, store);
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public ITrackingStore Store { get; }

    public static async Task<GrainTestHost> StartAsync(RetryPolicy policy)
    {
        var dir = Path.Combine(Path.GetTempPath(), "platform-grains-" + Guid.NewGuid().ToString("N")[..12]);
        var store = new SqliteTrackingStore(Path.Combine(dir, "platform.db"));
        await store.MigrateAsync();

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ITrackingStore>(store);
        builder.Services.AddSingleton(policy);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreeTcpPort.OnLoopback(), FreeTcpPort.OnLoopback()));
        var host = builder.Build();
        await host.StartAsync();
        return new GrainTestHost(host, dir, store);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

}
