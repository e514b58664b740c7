namespace Platform.Silo.Security;

/// <summary>What a token may do. Ordered: each role includes the rights of the ones below it.</summary>
public enum PlatformRole
{
    /// <summary>Reads everything (experiments, runs, metrics, artifacts, sweeps).</summary>
    Viewer = 1,

    /// <summary>Viewer, plus creating runs and sweeps, logging tracking data, and cancelling or pausing what it created. Workers use this role.</summary>
    Submitter = 2,

    /// <summary>Everything, including tokens and permanent deletion.</summary>
    Admin = 3,
}

public static class PlatformRoles
{
    public static IReadOnlyList<string> Names { get; } = ["viewer", "submitter", "admin"];

    public static string Name(this PlatformRole role) => role switch
    {
        PlatformRole.Viewer => "viewer",
        PlatformRole.Submitter => "submitter",
        PlatformRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? name, out PlatformRole role)
    {
        role = name switch
        {
            "viewer" => PlatformRole.Viewer,
            "submitter" => PlatformRole.Submitter,
            "admin" => PlatformRole.Admin,
            _ => 0,
        };
        return role != 0;
    }
}
