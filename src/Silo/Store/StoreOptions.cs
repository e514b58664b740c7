namespace Platform.Silo.Store;

/// <summary>
/// Which tracking store the host uses, bound from the <c>Store</c> configuration section.
/// <c>Provider</c> is <c>sqlite</c> (needs <see cref="SqlitePath"/>) or <c>postgres</c> (needs <see cref="ConnectionString"/>).
/// </summary>
public sealed record StoreOptions
{
    public const string SectionName = "Store";

    public string Provider { get; init; } = "sqlite";

    /// <summary>PostgreSQL connection string (Npgsql syntax); required when <see cref="Provider"/> is <c>postgres</c>.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Path of the SQLite database file; required when <see cref="Provider"/> is <c>sqlite</c>. Its folder is created.</summary>
    public string? SqlitePath { get; init; }

    /// <summary>
    /// When set, experiments get <c>{root}/{experimentId}</c> (or the <c>artifact_location</c> they were created with, which must lie
    /// below the root) and runs <c>{experiment location}/{runId}/artifacts</c>; otherwise "".
    /// </summary>
    public string? ArtifactRoot { get; init; }

    /// <summary>Every problem with these options, each naming its configuration key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        switch (Provider)
        {
            case "sqlite":
                if (string.IsNullOrWhiteSpace(SqlitePath))
                    errors.Add("Store:SqlitePath is required when Store:Provider is 'sqlite'");
                break;
            case "postgres":
                if (string.IsNullOrWhiteSpace(ConnectionString))
                    errors.Add("Store:ConnectionString is required when Store:Provider is 'postgres'");
                break;
            default:
                errors.Add($"Store:Provider must be 'sqlite' or 'postgres', got '{Provider}'");
                break;
        }
        return errors;
    }

    // A record prints every property; the connection string may hold a password, so its value never reaches a log or an error.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Provider = {Provider}, ConnectionString = {(ConnectionString is null ? "null" : "(hidden)")}, SqlitePath = {SqlitePath}, ArtifactRoot = {ArtifactRoot}");
        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the options are invalid.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join("; ", errors));
    }
}
