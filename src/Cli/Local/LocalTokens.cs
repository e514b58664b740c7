using Platform.Contracts.Api;
using Platform.Silo.Security;
using Platform.Silo.Store.Sqlite;

namespace Platform.Cli.Local;

/// <summary>
/// Tokens of an embedded platform with authentication on, made in the home's store before the host starts (so the worker has its
/// token from its first request): a submitter token for the in-process worker and the command's own client, revoked when the
/// platform stops, and the bootstrap admin token when the store has no admin yet.
/// </summary>
internal sealed class LocalTokens(SqliteTrackingStore store, CreatedToken embedded, CreatedToken? bootstrapAdmin)
{
    public const string EmbeddedName = "embedded";

    public CreatedToken Embedded { get; } = embedded;

    public CreatedToken? BootstrapAdmin { get; } = bootstrapAdmin;

    public static async Task<LocalTokens> CreateAsync(string storePath, CancellationToken ct)
    {
        var store = new SqliteTrackingStore(storePath);
        await store.MigrateAsync(ct);
        var admin = await ApiTokenIssuer.BootstrapAdminAsync(store, ct);
        var embedded = await ApiTokenIssuer.CreateAsync(store, EmbeddedName, PlatformRole.Submitter.Name(), ct);
        return new LocalTokens(store, embedded, admin);
    }

    public Task RevokeEmbeddedAsync() => store.RevokeTokenAsync(Embedded.Token.TokenId);
}
