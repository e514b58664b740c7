namespace Platform.Contracts.Api;

// Bodies of the token API (/api/platform/v1/tokens, admin only) and of whoami.

/// <summary>A token to create: a name (the identity that owns what the token creates) and a role (viewer, submitter, admin).</summary>
public sealed record TokenRequest(string? Name, string? Role);

/// <summary>A token as listed: never its value, which only <see cref="CreatedToken"/> carries, once.</summary>
public sealed record TokenView(string TokenId, string Name, string Role, long CreatedAt, long? RevokedAt);

/// <summary>A new token and its value, shown this once: the platform keeps only its hash.</summary>
public sealed record CreatedToken(TokenView Token, string Value);

/// <summary>Who the caller's token is.</summary>
public sealed record CallerView(string Name, string Role);
