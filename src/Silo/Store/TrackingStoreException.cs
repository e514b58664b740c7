namespace Platform.Silo.Store;

/// <summary>A store operation was refused; <see cref="ErrorCode"/> is one of <see cref="Platform.Contracts.Api.ErrorCodes"/>.</summary>
public sealed class TrackingStoreException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}
