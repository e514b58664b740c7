using Platform.Contracts.Api;
using Platform.Silo.Api;

namespace Platform.Silo.Security;

/// <summary>
/// Who may control a run or sweep: admins any, submitters only what they created (a sweep's runs belong to the sweep's owner).
/// The API and the grains' entry points both ask this one place.
/// </summary>
public static class Ownership
{
    public const string Run = "run";
    public const string Sweep = "sweep";

    public static async Task RequireControlAsync(PlatformCaller caller, string kind, string resourceId, string? sweepId, IApiTokenStore store,
        CancellationToken ct = default)
    {
        if (caller.Role == PlatformRole.Admin)
            return;
        if (!caller.Has(PlatformRole.Submitter))
            throw Denied(caller, $"control {kind} {resourceId}", "submitter");
        var owner = await store.GetOwnerAsync(kind, resourceId, ct);
        if (owner is null && sweepId is not null)
            owner = await store.GetOwnerAsync(Sweep, sweepId, ct);
        if (owner != caller.Name)
            throw Denied(caller, $"control {kind} {resourceId}", $"admin, or the submitter that created it ({owner ?? "unrecorded"})");
    }

    public static ApiRequestException Denied(PlatformCaller caller, string action, string needed) =>
        new(ErrorCodes.PermissionDenied, $"'{caller.Name}' (role {caller.Role.Name()}) may not {action}: needs {needed}");
}
