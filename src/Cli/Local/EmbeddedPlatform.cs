using System.Net;
using System.Net.Sockets;
using Platform.Cli.Commands;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Dashboard;
using Platform.ServiceDefaults;
using Platform.Silo.Hosting;
using Platform.Silo.Store;
using Platform.Workers.Agent;

namespace Platform.Cli.Local;

/// <summary>
/// The whole platform in one process: an Orleans silo with localhost clustering, the SQLite store, the HTTP APIs, an in-process
/// worker agent and (optionally) the dashboard, all on 127.0.0.1.
/// </summary>
public sealed class EmbeddedPlatform : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LocalTokens? _tokens;

    private EmbeddedPlatform(WebApplication app, Uri baseAddress, LocalTokens? tokens)
    {
        _app = app;
        _tokens = tokens;
        BaseAddress = baseAddress;
        Client = new PlatformClient(PlatformHttpClient.Create(baseAddress, tokens?.Embedded.Value));
    }

    public Uri BaseAddress { get; }

    public bool AuthEnabled => _tokens is not null;

    /// <summary>The admin token created because the store had none (authentication on only): shown once by <c>platform up</c>.</summary>
    public CreatedToken? BootstrapAdmin => _tokens?.BootstrapAdmin;

    public PlatformClient Client { get; }

    public static async Task<EmbeddedPlatform> StartAsync(EmbeddedPlatformOptions options, CancellationToken ct = default)
    {
        Directory.CreateDirectory(options.Home);
        var store = new StoreOptions { Provider = "sqlite", SqlitePath = HomeStorePath(options.Home), ArtifactRoot = Path.Combine(options.Home, "artifacts") };
        var tokens = options.Auth ? await LocalTokens.CreateAsync(store.SqlitePath!, ct) : null;

        // Free ports are picked before they are bound, so another process may take one meanwhile: then pick new ones.
        for (var attempt = 1; ; attempt++)
        {
            var port = options.HttpPort == 0 ? FreeLoopbackPort() : options.HttpPort;
            var baseAddress = new Uri($"http://127.0.0.1:{port}/");
            var app = Build(options, store, tokens, baseAddress);
            try
            {
                await app.StartAsync(ct);
                return new EmbeddedPlatform(app, baseAddress, tokens);
            }
            catch (Exception e) when (attempt < 5 && IsAddressInUse(e))
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }
        }
    }

    private static WebApplication Build(EmbeddedPlatformOptions options, StoreOptions store, LocalTokens? tokens, Uri baseAddress)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(EmbeddedPlatform).Assembly.GetName().Name, // names the static web assets manifest, also when hosted by a test runner
        });
        builder.WebHost.UseUrls(baseAddress.ToString().TrimEnd('/'));
        // Loopback only, also by name: a web page whose own host name an attacker re-points at 127.0.0.1 (DNS rebinding)
        // sends that name as Host, and is answered 400 instead of reaching an API that, without --auth, asks for no token.
        builder.Configuration["AllowedHosts"] = string.Join(';', ["127.0.0.1", "localhost", "[::1]", .. options.AllowedHosts]);
        builder.WebHost.UseStaticWebAssets(); // the dashboard's assets from build output, in every environment
        ConfigureLogging(builder.Logging, options.Quiet);
        builder.AddServiceDefaults();

        builder.AddPlatformSilo(store, new PlatformClusterOptions { SiloPort = FreeLoopbackPort(), GatewayPort = FreeLoopbackPort() },
            auth => auth.Enabled = options.Auth);
        var worker = new WorkerAgentOptions
        {
            DataDirectory = options.DataDirectory,
            Device = options.Device,
            ApiBaseAddress = baseAddress,
            ApiToken = tokens?.Embedded.Value,
            TrialHost = options.TrialsInOwnProcess ? TrialHostCommandLine.ForThisInstallation() : null,
            CpuSlots = options.ConcurrentTrials,
            Gpus = [.. options.Gpus],
        };
        if (options.CheckpointInterval is { } checkpointInterval)
        {
            worker.CheckpointInterval = checkpointInterval;
        }

        builder.Services.AddWorkerAgent(worker);
        if (options.WithDashboard)
        {
            builder.Services.AddPlatformDashboard(d =>
            {
                d.ApiBaseAddress = baseAddress;
                d.RequireLogin = options.Auth;
            });
        }

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapPlatformApis();
        if (options.WithDashboard)
        {
            app.UseAntiforgery();
            app.MapStaticAssets();
            app.MapPlatformDashboard();
        }

        return app;
    }

    private static bool IsAddressInUse(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                || e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The SQLite store of a platform home, which <c>platform token</c> also opens.</summary>
    public static string HomeStorePath(string home) => Path.Combine(home, "platform.db");

    public Task WaitForShutdownAsync(CancellationToken ct) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_tokens is not null)
            await _tokens.RevokeEmbeddedAsync();
    }

    internal static void ConfigureLogging(ILoggingBuilder logging, bool quiet)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        // Every log line on stderr: stdout carries the verbs' results (run --json), which a warning must not break.
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
        if (!quiet)
        {
            logging.AddFilter("Platform", LogLevel.Information);
        }

        // Orleans reports expected shutdown noise as warnings; keep the console for the platform's own messages.
        logging.AddFilter("Orleans", LogLevel.Error);
        logging.AddFilter("Microsoft.AspNetCore", quiet ? LogLevel.Error : LogLevel.Warning);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
