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

    [Fact]
    public async Task A_configured_bootstrap_token_is_stored_once_as_admin_when_silos_race_to_store_it()
    {
        var store = (await OpenAsync()).Tokens;
        var (id, value) = ApiTokenSecrets.Generate();
        // Each call opens its own connection from the pool: the inserts really race in the database.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ApiTokenIssuer.EnsureConfiguredAdminAsync(store, value))));
        Assert.Equal(1, outcomes.Count(o => o == BootstrapOutcome.Created));
        Assert.All(outcomes.Where(o => o != BootstrapOutcome.Created), o => Assert.Equal(BootstrapOutcome.AlreadyActive, o));

        var stored = Assert.Single(await store.ListTokensAsync());
        Assert.Equal((id, "bootstrap", PlatformRole.Admin, true), (stored.TokenId, stored.Name, stored.Role, stored.Active));
        Assert.Equal(id, (await store.FindActiveTokenAsync(ApiTokenSecrets.Hash(value)))!.TokenId);
        Assert.Equal(BootstrapOutcome.AlreadyActive, await ApiTokenIssuer.EnsureConfiguredAdminAsync(store, value));
    }

    [Fact]
    public async Task A_revoked_bootstrap_token_stays_revoked_and_an_id_taken_by_another_value_is_not_replaced()
    {
        var store = (await OpenAsync()).Tokens;
        var value = ApiTokenSecrets.Generate().Value;
        Assert.Equal(BootstrapOutcome.Created, await ApiTokenIssuer.EnsureConfiguredAdminAsync(store, value));
        Assert.True(await store.RevokeTokenAsync(ApiTokenSecrets.TokenIdOf(value)!));
        Assert.Equal(BootstrapOutcome.NotUsable, await ApiTokenIssuer.EnsureConfiguredAdminAsync(store, value));
        Assert.Null(await store.FindActiveTokenAsync(ApiTokenSecrets.Hash(value)));

        var other = ApiTokenSecrets.Generate().Value;
        await ApiTokenIssuer.EnsureConfiguredAdminAsync(store, other);
        var sameId = other[..15] + ApiTokenSecrets.Generate().Value[15..];
        Assert.Equal(BootstrapOutcome.NotUsable, await ApiTokenIssuer.EnsureConfiguredAdminAsync(store, sameId));
        Assert.Null(await store.FindActiveTokenAsync(ApiTokenSecrets.Hash(sameId)));
        Assert.NotNull(await store.FindActiveTokenAsync(ApiTokenSecrets.Hash(other)));
        Assert.Equal(2, (await store.ListTokensAsync()).Count);
        await Assert.ThrowsAsync<ArgumentException>(() => ApiTokenIssuer.EnsureConfiguredAdminAsync(store, "plt_short"));
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
