using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Silo.Security;
using Platform.Silo.Store;
using Platform.Silo.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Silo.Tests.Security;

/// <summary>
/// Whole silos with <c>Auth:BootstrapAdminToken</c> set, as a cluster gets it from a secret: the token becomes a working admin, silos
/// starting at once and restarts store it once, and nothing logs its value. The same on both stores.
/// </summary>
public abstract class BootstrapAdminTokenHostTests : IDisposable
{
    protected TempDirectory Folder { get; } = new("platform-bootstrap");

    /// <summary>A fresh, empty store that several hosts may share.</summary>
    protected abstract Task<StoreOptions> NewStoreAsync();

    [Fact]
    public async Task Silos_starting_at_once_store_the_configured_token_once_and_it_stays_a_working_admin_after_a_restart()
    {
        var store = await NewStoreAsync();
        var (id, value) = ApiTokenSecrets.Generate(); // what `platform token generate` prints
        var settings = new Dictionary<string, string?> { ["Auth:BootstrapAdminToken"] = value + "\n" }; // a secret file's newline
        var logs = new ConcurrentQueue<string>();

        var silos = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => SecuredPlatformHost.StartAsync(settings: settings, store: store, logs: logs)));
        try
        {
            foreach (var silo in silos)
                Assert.Equal(new CallerView("bootstrap", "admin"), await new PlatformClient(silo.Client(value)).WhoAmIAsync());
            var admin = new PlatformClient(silos[0].Client(value));
            var alice = await admin.CreateTokenAsync("alice", "viewer"); // an admin's right
            Assert.Equal("alice", (await new PlatformClient(silos[1].Client(alice.Value)).WhoAmIAsync()).Name);
        }
        finally
        {
            foreach (var silo in silos)
                await silo.DisposeAsync();
        }

        await using (var restarted = await SecuredPlatformHost.StartAsync(settings: settings, store: store, logs: logs))
        {
            var tokens = await new PlatformClient(restarted.Client(value)).ListTokensAsync();
            var bootstrap = Assert.Single(tokens, t => t.Name == "bootstrap");
            Assert.Equal((id, "admin", null), (bootstrap.TokenId, bootstrap.Role, bootstrap.RevokedAt));
            Assert.Equal(2, tokens.Count);
        }

        Assert.Single(logs, l => l.Contains($"Stored the admin token {id} ('bootstrap') from Auth:BootstrapAdminToken", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(value[15..], StringComparison.Ordinal));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteBootstrapAdminTokenHostTests : BootstrapAdminTokenHostTests
{
    protected override Task<StoreOptions> NewStoreAsync() => Task.FromResult(new StoreOptions
    {
        Provider = "sqlite", SqlitePath = Path.Combine(Folder.Path, Guid.NewGuid().ToString("N") + ".db"), ArtifactRoot = Path.Combine(Folder.Path, "artifacts"),
    });

    [Fact]
    public async Task A_malformed_setting_fails_the_start_naming_the_setting_and_never_the_value()
    {
        var value = ApiTokenSecrets.Generate().Value[..^1]; // a real secret with a character lost in copying
        var logs = new ConcurrentQueue<string>();
        var store = await NewStoreAsync();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SecuredPlatformHost.StartAsync(
            settings: new Dictionary<string, string?> { ["Auth:BootstrapAdminToken"] = value }, store: store, logs: logs));

        Assert.Contains("Auth:BootstrapAdminToken is not a token in the platform's format", error.Message);
        Assert.DoesNotContain(value[15..], error.Message);
        Assert.DoesNotContain(logs, l => l.Contains(value[15..], StringComparison.Ordinal));
        Assert.False(File.Exists(store.SqlitePath)); // refused before the store was touched
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresBootstrapAdminTokenHostTests(PostgresServer server) : BootstrapAdminTokenHostTests
{
    protected override async Task<StoreOptions> NewStoreAsync() => new()
    {
        Provider = "postgres",
        ConnectionString = await server.CreateDatabaseAsync("bootstrap_" + Guid.NewGuid().ToString("N")[..8]),
        ArtifactRoot = Path.Combine(Folder.Path, "artifacts"),
    };
}
