namespace Platform.Silo.Security;

/// <summary>
/// API tokens (by the SHA-256 of their value) and who created which run or sweep. Implemented by both tracking stores
/// (<c>SqlTrackingStore.Security</c>), in tables of migration 4.
/// </summary>
public interface IApiTokenStore
{
    /// <summary>Stores a new token; throws when its id or value exists.</summary>
    Task CreateTokenAsync(ApiTokenRecord token, string valueHash, CancellationToken ct = default);

    /// <summary>
    /// Stores the token unless one with its id or value exists (revoked ones included); false then. Atomic, so hosts racing to store
    /// the same token store it once.
    /// </summary>
    Task<bool> TryCreateTokenAsync(ApiTokenRecord token, string valueHash, CancellationToken ct = default);

    /// <summary>The unrevoked token whose value hashes to <paramref name="valueHash"/>, or null.</summary>
    Task<ApiTokenRecord?> FindActiveTokenAsync(string valueHash, CancellationToken ct = default);

    Task<IReadOnlyList<ApiTokenRecord>> ListTokensAsync(CancellationToken ct = default);

    /// <summary>Revokes the token; false when no unrevoked token has this id.</summary>
    Task<bool> RevokeTokenAsync(string tokenId, CancellationToken ct = default);

    /// <summary>Records who created a run or sweep (<paramref name="kind"/> is <c>run</c> or <c>sweep</c>); the first owner stays.</summary>
    Task SetOwnerAsync(string kind, string resourceId, string owner, CancellationToken ct = default);

    Task<string?> GetOwnerAsync(string kind, string resourceId, CancellationToken ct = default);
}
