using Dapper;
using Platform.Contracts.Api;
using Platform.Silo.Security;

namespace Platform.Silo.Store.Sql;

public abstract partial class SqlTrackingStore : IApiTokenStore
{
    private const string TokenColumns = "token_id AS TokenId, name AS Name, role AS Role, created_at AS CreatedAt, revoked_at AS RevokedAt";

    public async Task CreateTokenAsync(ApiTokenRecord token, string valueHash, CancellationToken ct = default)
    {
        if (!await TryCreateTokenAsync(token, valueHash, ct))
            throw new TrackingStoreException(ErrorCodes.ResourceAlreadyExists, $"A token with id={token.TokenId} or the same value exists");
    }

    public async Task<bool> TryCreateTokenAsync(ApiTokenRecord token, string valueHash, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await OpenAsync(ct);
        // No conflict target: either unique key (token_id, value_hash) makes it a no-op, atomically, on both SQLite and PostgreSQL.
        return await connection.ExecuteAsync(Cmd(
            "INSERT INTO api_tokens (token_id, name, role, value_hash, created_at, revoked_at) VALUES (@TokenId, @Name, @Role, @ValueHash, @CreatedAt, NULL) " +
            "ON CONFLICT DO NOTHING",
            new { token.TokenId, token.Name, Role = token.Role.Name(), ValueHash = valueHash, token.CreatedAt }, null, ct)) > 0;
    }

    public async Task<ApiTokenRecord?> FindActiveTokenAsync(string valueHash, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(Cmd(
            $"SELECT {TokenColumns} FROM api_tokens WHERE value_hash = @valueHash AND revoked_at IS NULL", new { valueHash }, null, ct));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<ApiTokenRecord>> ListTokensAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<TokenRow>(Cmd($"SELECT {TokenColumns} FROM api_tokens ORDER BY created_at, token_id", null, null, ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<bool> RevokeTokenAsync(string tokenId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.ExecuteAsync(Cmd(
            "UPDATE api_tokens SET revoked_at = @now WHERE token_id = @tokenId AND revoked_at IS NULL", new { tokenId, now = Now() }, null, ct)) > 0;
    }

    public async Task SetOwnerAsync(string kind, string resourceId, string owner, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await connection.ExecuteAsync(Cmd(
            "INSERT INTO resource_owners (kind, resource_id, owner) VALUES (@kind, @resourceId, @owner) ON CONFLICT (kind, resource_id) DO NOTHING",
            new { kind, resourceId, owner }, null, ct));
    }

    public async Task<string?> GetOwnerAsync(string kind, string resourceId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(Cmd(
            "SELECT owner FROM resource_owners WHERE kind = @kind AND resource_id = @resourceId", new { kind, resourceId }, null, ct));
    }

    private sealed class TokenRow
    {
        public string TokenId { get; set; } = "";
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
        public long CreatedAt { get; set; }
        public long? RevokedAt { get; set; }

        // An unknown role name (a newer schema) grants nothing beyond reading.
        public ApiTokenRecord ToRecord() =>
            new(TokenId, Name, PlatformRoles.TryParse(Role, out var role) ? role : PlatformRole.Viewer, CreatedAt, RevokedAt);
    }
}
