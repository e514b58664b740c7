namespace Platform.Silo.Security;

/// <summary>
/// Authentication, authorization and request limits of the HTTP APIs (section <c>Auth</c>). On by default: a server or cluster
/// is reachable from the network. Local mode turns it off because it binds 127.0.0.1 only (<c>platform up --auth</c> turns it on).
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests per minute each token may make (a token bucket refilled every second); 0 turns the limit off.</summary>
    public int RequestsPerMinutePerToken { get; set; } = 1200;

    /// <summary>Largest request body of the JSON APIs; bigger bodies get 413 REQUEST_TOO_LARGE.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Largest artifact file one upload may write.</summary>
    public long MaxArtifactFileBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Largest total size of one run's artifacts (the files under <c>{experiment}/{run}/</c>).</summary>
    public long MaxRunArtifactBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// The first admin of a cluster: a token value (<c>plt_…</c>, e.g. from <c>platform token generate</c>) that each silo stores, hashed,
    /// at start unless a token with its id exists (<see cref="BootstrapAdminTokenService"/>). Meant to come from a secret, as the
    /// environment variable <c>Auth__BootstrapAdminToken</c>. Empty: none; white space around it (a secret file's newline) is ignored.
    /// </summary>
    public string? BootstrapAdminToken { get; set; }

    /// <summary><see cref="BootstrapAdminToken"/> without surrounding white space, or null when it is not set.</summary>
    public string? ConfiguredBootstrapAdminToken => string.IsNullOrWhiteSpace(BootstrapAdminToken) ? null : BootstrapAdminToken.Trim();

    // Names the setting and the expected shape, never the value: it may be a real secret with a typo.
    internal static string MalformedBootstrapAdminToken =>
        $"{Section}:BootstrapAdminToken is not a token in the platform's format {ApiTokenSecrets.FormatDescription} " +
        "(the value is not shown; make one with `platform token generate`)";

    /// <summary>Every problem with these options, each naming its configuration key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ConfiguredBootstrapAdminToken is { } bootstrap && ApiTokenSecrets.TokenIdOf(bootstrap) is null)
            errors.Add(MalformedBootstrapAdminToken);
        if (RequestsPerMinutePerToken < 0)
            errors.Add($"{Section}:RequestsPerMinutePerToken must be 0 (no limit) or positive, got {RequestsPerMinutePerToken}");
        if (MaxRequestBodyBytes < 1024)
            errors.Add($"{Section}:MaxRequestBodyBytes must be at least 1024, got {MaxRequestBodyBytes}");
        if (MaxArtifactFileBytes < 1)
            errors.Add($"{Section}:MaxArtifactFileBytes must be positive, got {MaxArtifactFileBytes}");
        if (MaxRunArtifactBytes < MaxArtifactFileBytes)
            errors.Add($"{Section}:MaxRunArtifactBytes must be at least {Section}:MaxArtifactFileBytes ({MaxArtifactFileBytes}), got {MaxRunArtifactBytes}");
        return errors;
    }
}
