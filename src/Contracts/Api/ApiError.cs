namespace Platform.Contracts.Api;

/// <summary>The body of every error response: <c>{"error_code": "...", "message": "..."}</c>, as MLflow writes it.</summary>
public sealed record ApiError(string ErrorCode, string Message);

/// <summary>An error response from the platform (or an MLflow server), thrown by the typed clients.</summary>
public sealed class PlatformApiException(string errorCode, string message, int httpStatus) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;

    public int HttpStatus { get; } = httpStatus;
}
