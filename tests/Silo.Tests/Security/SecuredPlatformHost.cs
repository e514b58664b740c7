using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Silo.Hosting;
using Platform.Silo.Security;
using Platform.Silo.Store;
using Platform.Silo.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Silo.Tests.Security;

/// <summary>
/// The whole silo (store, Orleans, every API endpoint) with authentication on, on a free loopback port, with a temporary SQLite
/// store and artifact root. Every log message is kept in <see cref="Logs"/> so tests can look for leaked secrets.
/// </summary>
public sealed class SecuredPlatformHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory _home;

    private SecuredPlatformHost(WebApplication app, TempDirectory home, Uri address, ConcurrentQueue<string> logs)
    {
        (_app, _home, BaseAddress, Logs) = (app, home, address, logs);
    }

    public Uri BaseAddress { get; }

    /// <summary>The artifact root of the default store (a store given to <see cref="StartAsync"/> has its own).</summary>
    public string ArtifactRoot => Path.Combine(_home.Path, "artifacts");

    public ConcurrentQueue<string> Logs { get; }

    public IServiceProvider Services => _app.Services;

    public IApiTokenStore Tokens => _app.Services.GetRequiredService<IApiTokenStore>();

    /// <param name="settings">Configuration entries (e.g. <c>Auth:BootstrapAdminToken</c>), bound as a deployment's environment would be.</param>
    /// <param name="store">The store to use (kept by the caller, e.g. across restarts); a new SQLite file under the host's folder when null.</param>
    /// <param name="logs">Where log messages go; given by the caller, it also holds those of a start that failed.</param>
    public static async Task<SecuredPlatformHost> StartAsync(Action<AuthOptions>? configure = null, IReadOnlyDictionary<string, string?>? settings = null,
        StoreOptions? store = null, ConcurrentQueue<string>? logs = null)
    {
        var home = new TempDirectory("platform-security");
        logs ??= new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(new CapturingLoggerProvider(logs));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddPlatformSilo(
            store ?? new StoreOptions { Provider = "sqlite", SqlitePath = Path.Combine(home.Path, "platform.db"), ArtifactRoot = Path.Combine(home.Path, "artifacts") },
            new PlatformClusterOptions { SiloPort = FreeTcpPort.OnLoopback(), GatewayPort = FreeTcpPort.OnLoopback() },
            auth =>
            {
                auth.Enabled = true;
                configure?.Invoke(auth);
            });
        var app = builder.Build();
        try
        {
            app.MapPlatformApis(); // reads the options: invalid ones throw here already
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            home.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SecuredPlatformHost(app, home, new Uri(address.TrimEnd('/') + "/"), logs);
    }

    /// <summary>A new token of the role, made in the store as <c>platform token create</c> does.</summary>
    public async Task<string> TokenAsync(PlatformRole role, string? name = null) =>
        (await ApiTokenIssuer.CreateAsync(Tokens, name ?? role.Name(), role.Name())).Value;

    public HttpClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _home.Dispose();
    }
}
