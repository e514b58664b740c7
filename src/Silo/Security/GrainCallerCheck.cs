using Platform.Contracts.Grains;
using Platform.Silo.Api;
using Platform.Silo.Store;

namespace Platform.Silo.Security;

/// <summary>
/// The grains' entry points check the caller too, in this one place: the API puts the request's <see cref="PlatformCaller"/> in the
/// Orleans request context (<see cref="Set"/>), and this filter refuses a caller whose role or ownership does not allow the call
/// (submitting needs submitter; cancel, pause and resume need the owner or an admin) with <see cref="UnauthorizedAccessException"/>.
/// Calls without a caller come from inside the cluster (workers, timers, recovery), which only trusted processes can reach.
/// </summary>
internal sealed class GrainCallerCheck(IApiTokenStore owners, ITrackingStore store) : IIncomingGrainCallFilter
{
    private const string Key = "platform.caller";

    public static void Set(PlatformCaller caller) => RequestContext.Set(Key, caller);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        // Admins may do everything (and local mode without authentication is an admin): nothing to look up.
        if (RequestContext.Get(Key) is PlatformCaller { Role: not PlatformRole.Admin } caller)
        {
            try
            {
                await CheckAsync(caller, context.Request.GetInterfaceType(), context.MethodName, context.TargetId.Key.ToString());
            }
            catch (ApiRequestException e)
            {
                throw new UnauthorizedAccessException(e.Message);
            }
        }

        await context.Invoke();
    }

    private async Task CheckAsync(PlatformCaller caller, Type grain, string method, string key)
    {
        switch (grain.Name, method)
        {
            case (nameof(ITrialGrain), nameof(ITrialGrain.Start)) or (nameof(ISweepGrain), nameof(ISweepGrain.Submit)):
                if (!caller.Has(PlatformRole.Submitter))
                    throw Ownership.Denied(caller, $"{method} {key}", "submitter");
                break;
            case (nameof(ITrialGrain), nameof(ITrialGrain.Cancel)):
                await Ownership.RequireControlAsync(caller, Ownership.Run, key, (await store.GetTrialAsync(key))?.SweepId, owners);
                break;
            case (nameof(ISweepGrain), nameof(ISweepGrain.Cancel) or nameof(ISweepGrain.Pause) or nameof(ISweepGrain.Resume)):
                await Ownership.RequireControlAsync(caller, Ownership.Sweep, key, null, owners);
                break;
        }
    }
}
