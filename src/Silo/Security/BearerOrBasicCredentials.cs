using System.Text;

namespace Platform.Silo.Security;

/// <summary>
/// The token in an <c>Authorization</c> header: <c>Bearer &lt;token&gt;</c>, or HTTP Basic with the token as the password (MLflow
/// clients send MLFLOW_TRACKING_USERNAME/PASSWORD that way; the user name is ignored, or is the token when the password is empty).
/// </summary>
public static class BearerOrBasicCredentials
{
    /// <summary>The presented token, or null when the header is absent or names another scheme; <paramref name="error"/> says what is malformed.</summary>
    public static string? Parse(string? header, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(header))
            return null;
        var space = header.IndexOf(' ');
        var scheme = space < 0 ? header : header[..space];
        var rest = space < 0 ? "" : header[(space + 1)..].Trim();
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return Present(rest, out error);
        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            error = "unsupported Authorization scheme: use Bearer <token> (or Basic with the token as password)";
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(rest));
        }
        catch (FormatException)
        {
            error = "malformed Basic credentials: not base64";
            return null;
        }

        var colon = decoded.IndexOf(':');
        var password = colon < 0 ? "" : decoded[(colon + 1)..];
        return Present(password.Length > 0 ? password : colon < 0 ? decoded : decoded[..colon], out error);
    }

    private static string? Present(string token, out string? error)
    {
        error = token.Length == 0 ? "empty token in the Authorization header" : null;
        return token.Length == 0 ? null : token;
    }
}
