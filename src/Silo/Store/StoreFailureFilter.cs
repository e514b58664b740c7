using System.Data.Common;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Api;

namespace Platform.Silo.Store;

/// <summary>
/// A grain call that failed in the database driver ends with an exception Orleans can carry instead of the driver's: Orleans
/// has no codec for those, so the response was never sent and the caller (a worker reporting a trial, the API) waited out the
/// 30 s response timeout. The database being unavailable becomes <see cref="StoreUnavailableException"/> (logged as a warning
/// without stack trace, as the API logs its 503s: it is the database's state, not a bug, and callers retry); any other driver
/// failure is a bug, logged with its stack trace and answered as the API answers one (INTERNAL_ERROR, no internals).
/// </summary>
internal sealed class StoreFailureFilter(ILogger<StoreFailureFilter> logger) : IIncomingGrainCallFilter
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
        catch (Exception e) when (e.GetBaseException() is DbException)
        {
            logger.LogError(e, "{Grain}.{Method} failed in the database", context.InterfaceName, context.MethodName);
            throw new TrackingStoreException(ErrorCodes.InternalError, "internal error; see the server log");
        }
    }
}
