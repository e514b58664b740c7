namespace Platform.Silo.Security;

/// <summary>What storing the configured bootstrap admin token did (<see cref="ApiTokenIssuer.EnsureConfiguredAdminAsync"/>).</summary>
public enum BootstrapOutcome
{
    /// <summary>This start stored it.</summary>
    Created,

    /// <summary>It was stored before (an earlier start, or another silo) and is active.</summary>
    AlreadyActive,

    /// <summary>A token with its id exists but is revoked, or holds another value: the configured value does not authenticate.</summary>
    NotUsable,
}
