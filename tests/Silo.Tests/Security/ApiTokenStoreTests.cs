using Microsoft.Data.Sqlite;
using Platform.Silo.Security;
using Platform.Silo.Store;
using Platform.Silo.Store.Postgres;
using Platform.Silo.Store.Sqlite;
using Platform.Silo.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Silo.Tests.Security;

/// <summary>Tokens and owners in migration 4, the same on both stores.</summary>
public abstract class ApiTokenStoreTests
{
    protected abstract Task<SqlStore> OpenAsync();

    [Fact]
    public async Task Tokens_are_found_by_hash_only_listed_without_values_and_revoked_once()
    {
        var store = (await OpenAsync()).Tokens;
        var created = await ApiTokenIssuer.CreateAsync(store, "alice", "submitter");
        var found = await store.FindActiveTokenAsync(ApiTokenSecrets.Hash(created.Value));
        Assert.Equal(("alice", PlatformRole.Submitter, created.Token.TokenId), (found!.Name, found.Role, found.TokenId));
        Assert.Null(await store.FindActiveTokenAsync(ApiTokenSecrets.Hash(created.Value + "x")));
        Assert.Null(await store.FindActiveTokenAsync(created.Value)); // the value itself is not what is stored

        Assert.True(await store.RevokeTokenAsync(created.Token.TokenId));
        Assert.False(await store.RevokeTokenAsync(created.Token.TokenId));
        Assert.Null(await store.FindActiveTokenAsync(ApiTokenSecrets.Hash(created.Value)));
        var listed = Assert.Single(await store.ListTokensAsync());
        Assert.NotNull(listed.RevokedAt);
    }

    [Fact]
    public async Task The_first_owner_of_a_resource_stays_and_a_bootstrap_admin_is_made_once()
    {
        var store = (await OpenAsync()).Tokens;
        await store.SetOwnerAsync(Ownership.Run, "r1", "alice");
        await store.SetOwnerAsync(Ownership.Run, "r1", "mallory");
        Assert.Equal("alice", await store.GetOwnerAsync(Ownership.Run, "r1"));
        Assert.Null(await store.GetOwnerAsync(Ownership.Sweep, "r1"));

        var admin = await ApiTokenIssuer.BootstrapAdminAsync(store);
        Assert.Equal(("admin", "admin"), (admin!.Token.Name, admin.Token.Role));
        Assert.Null(await ApiTokenIssuer.BootstrapAdminAsync(store));
    }

    public sealed record SqlStore(ITrackingStore Store)
    {
        public IApiTokenStore Tokens => (IApiTokenStore)Store;
    }
}

public sealed class SqliteApiTokenStoreTests : ApiTokenStoreTests, IDisposable
{
    private readonly TempDirectory _dir = new("platform-tokens");

    protected override async Task<SqlStore> OpenAsync()
    {
        var store = new SqliteTrackingStore(Path.Combine(_dir.Path, Guid.NewGuid().ToString("N") + ".db"));
        await store.MigrateAsync();
        return new SqlStore(store);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresApiTokenStoreTests(PostgresServer server) : ApiTokenStoreTests
{
    protected override async Task<SqlStore> OpenAsync()
    {
        var store = new PostgresTrackingStore(await server.CreateDatabaseAsync("tokens_" + Guid.NewGuid().ToString("N")[..8]));
        await store.MigrateAsync();
        return new SqlStore(store);
    }
}
