using System.Text.RegularExpressions;
using Platform.Contracts.Api;
using Platform.Silo.Api;

namespace Platform.Silo.Security;

/// <summary>Creates, lists and revokes tokens: the one implementation behind the token API and the CLI's local <c>platform token</c>.</summary>
public static partial class ApiTokenIssuer
{
    /// <summary>Name of the admin token <c>platform up --auth</c> makes when the home's store has none.</summary>
    public const string BootstrapName = "admin";

    /// <summary>Name of the admin token a silo stores from <see cref="AuthOptions.BootstrapAdminToken"/>.</summary>
    public const string ConfiguredBootstrapName = "bootstrap";

    public static async Task<CreatedToken> CreateAsync(IApiTokenStore store, string? name, string? role, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name))
            throw new ApiRequestException(ErrorCodes.InvalidParameterValue,
                $"Invalid token name '{name}': 1 to 64 letters, digits, '.', '_', '@' or '-'");
        if (!PlatformRoles.TryParse(role, out var parsed))
            throw new ApiRequestException(ErrorCodes.InvalidParameterValue,
                $"Invalid token role '{role}': one of {string.Join(", ", PlatformRoles.Names)}");
        var (id, value) = ApiTokenSecrets.Generate();
        var record = new ApiTokenRecord(id, name, parsed, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), null);
        await store.CreateTokenAsync(record, ApiTokenSecrets.Hash(value), ct);
        return new CreatedToken(View(record), value);
    }

    public static async Task<IReadOnlyList<TokenView>> ListAsync(IApiTokenStore store, CancellationToken ct = default) =>
        (await store.ListTokensAsync(ct)).Select(View).ToArray();

    public static async Task RevokeAsync(IApiTokenStore store, string tokenId, CancellationToken ct = default)
    {
        if (!await store.RevokeTokenAsync(tokenId, ct))
            throw new ApiRequestException(ErrorCodes.ResourceDoesNotExist, $"No active token with id={tokenId}");
    }

    /// <summary>
    /// When authentication is on and no active admin token exists, creates one named <see cref="BootstrapName"/> so the operator
    /// can manage tokens; returns it (to print once), or null when an admin token exists.
    /// </summary>
    public static async Task<CreatedToken?> BootstrapAdminAsync(IApiTokenStore store, CancellationToken ct = default) =>
        (await store.ListTokensAsync(ct)).Any(t => t.Active && t.Role == PlatformRole.Admin)
            ? null
            : await CreateAsync(store, BootstrapName, PlatformRole.Admin.Name(), ct);

    /// <summary>
    /// Stores <paramref name="value"/> (a well-formed token, <see cref="AuthOptions.BootstrapAdminToken"/>) as an admin token named
    /// <see cref="ConfiguredBootstrapName"/> unless a token with its id exists. Idempotent, and safe when several silos do it at once.
    /// </summary>
    public static async Task<BootstrapOutcome> EnsureConfiguredAdminAsync(IApiTokenStore store, string value, CancellationToken ct = default)
    {
        var id = ApiTokenSecrets.TokenIdOf(value) ?? throw new ArgumentException(AuthOptions.MalformedBootstrapAdminToken, nameof(value));
        var hash = ApiTokenSecrets.Hash(value);
        var record = new ApiTokenRecord(id, ConfiguredBootstrapName, PlatformRole.Admin, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), null);
        if (await store.TryCreateTokenAsync(record, hash, ct))
            return BootstrapOutcome.Created;
        // Revoking the bootstrap token must stick across restarts, so an existing id is never replaced or reactivated.
        return (await store.FindActiveTokenAsync(hash, ct))?.TokenId == id ? BootstrapOutcome.AlreadyActive : BootstrapOutcome.NotUsable;
    }

    private static TokenView View(ApiTokenRecord t) => new(t.TokenId, t.Name, t.Role.Name(), t.CreatedAt, t.RevokedAt);

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex NamePattern();
}
