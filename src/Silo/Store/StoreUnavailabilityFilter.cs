using Microsoft.Extensions.Logging;
using Platform.Contracts.Api;

namespace Platform.Silo.Store;

/// <summary>
/// A grain call that failed because the tracking database is unavailable ends with <see cref="StoreUnavailableException"/>
/// instead of the driver's exception: Orleans has no codec for those, so the response was never sent and the caller (a worker
/// reporting a trial, the API) waited out the 30 s response timeout instead of retrying at once. Logged as a warning without
/// stack trace, as the API logs its 503s: it is the database's state, not a bug.
/// </summary>
internal sealed class StoreUnavailabilityFilter(ILogger<StoreUnavailabilityFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (e is not StoreUnavailableException && StoreUnavailability.Of(e) is { } unavailable)
        {
            logger.LogWarning("{Grain}.{Method} failed: {Reason} ({Cause})", context.InterfaceName, context.MethodName, unavailable.Message,
                e.GetBaseException().Message);
            throw unavailable;
        }
    }
}
