namespace Platform.Silo.Security;

/// <summary>A stored token without its secret: what listing shows.</summary>
public sealed record ApiTokenRecord(string TokenId, string Name, PlatformRole Role, long CreatedAt, long? RevokedAt)
{
    public bool Active => RevokedAt is null;
}
