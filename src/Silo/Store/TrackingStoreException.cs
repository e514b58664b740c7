namespace Platform.Silo.Store;

/// <summary>
/// A store operation was refused; <see cref="ErrorCode"/> is one of <see cref="Platform.Contracts.Api.ErrorCodes"/>. Serializable
/// by Orleans: a grain whose store call is refused (a run deleted meanwhile) answers its caller with it, where an exception
/// Orleans has no codec for leaves the caller waiting out the response timeout.
/// </summary>
[GenerateSerializer, Alias("Platform.TrackingStoreException")]
public sealed class TrackingStoreException : Exception
{
    public TrackingStoreException(string errorCode, string message)
        : base(message) => ErrorCode = errorCode;

    [Id(0)]
    public string ErrorCode { get; private set; }
}
