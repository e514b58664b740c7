using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Silo.Security;

/// <summary>
/// Token values: <c>plt_{id}_{secret}</c>, a 10-hex-digit public id (for listing and revocation) and 256 random bits. Only the SHA-256
/// of the whole value is stored: a stolen database holds no usable token, and a 256-bit secret needs no slow hash.
/// </summary>
public static partial class ApiTokenSecrets
{
    public const string Prefix = "plt_";

    /// <summary>The shape <see cref="Generate"/> produces, for messages (never the value itself).</summary>
    public const string FormatDescription = "plt_<10 lowercase hex digits>_<43 base64url characters>";

    public static (string TokenId, string Value) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{Prefix}{id}_{secret}");
    }

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>
    /// The id of a value in exactly the shape <see cref="Generate"/> makes (so a value supplied from outside, such as the bootstrap
    /// token, carries a full 256-bit secret), or null.
    /// </summary>
    public static string? TokenIdOf(string? value)
    {
        var match = value is null ? null : WellFormed().Match(value);
        return match is { Success: true } ? match.Groups["id"].Value : null;
    }

    [GeneratedRegex("^plt_(?<id>[0-9a-f]{10})_[A-Za-z0-9_-]{43}$")]
    private static partial Regex WellFormed();
}
