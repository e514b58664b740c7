namespace Platform.Contracts.Api;

/// <summary>MLflow's error codes, used by every HTTP API of the platform, with the HTTP status MLflow gives each.</summary>
public static class ErrorCodes
{
    public const string ResourceDoesNotExist = "RESOURCE_DOES_NOT_EXIST";
    public const string ResourceAlreadyExists = "RESOURCE_ALREADY_EXISTS";
    public const string InvalidParameterValue = "INVALID_PARAMETER_VALUE";
    public const string BadRequest = "BAD_REQUEST";
    public const string InvalidState = "INVALID_STATE";
    public const string InternalError = "INTERNAL_ERROR";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string RequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED";
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>The server cannot answer now (its database is restarting or unreachable); the same request may succeed later.</summary>
    public const string TemporarilyUnavailable = "TEMPORARILY_UNAVAILABLE";

    public static int HttpStatus(string code) => code switch
    {
        ResourceDoesNotExist => 404,
        Unauthenticated => 401,
        PermissionDenied => 403,
        RequestLimitExceeded => 429,
        RequestTooLarge => 413,
        InternalError => 500,
        TemporarilyUnavailable => 503,
        _ => 400,
    };
}
