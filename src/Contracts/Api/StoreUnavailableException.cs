namespace Platform.Contracts.Api;

/// <summary>
/// The tracking database cannot be reached or is restarting: the call failed for that alone, and the same call may succeed in
/// a moment.
/// The API answers it with <see cref="ErrorCodes.TemporarilyUnavailable"/> (503); grains throw it in place of the database
/// driver's exceptions, which Orleans cannot serialize (their callers would otherwise wait out the response timeout).
/// </summary>
[GenerateSerializer, Alias("Platform.StoreUnavailableException")]
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }
}
