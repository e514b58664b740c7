using System.Security.Cryptography;
using System.Text;

namespace Platform.Silo.Security;

/// <summary>
/// Token values: <c>plt_{id}_{secret}</c>, a 10-hex-digit public id (for listing and revocation) and 256 random bits. Only the SHA-256
/// of the whole value is stored: a stolen database holds no usable token, and a 256-bit secret needs no slow hash.
/// </summary>
public static class ApiTokenSecrets
{
    public const string Prefix = "plt_";

    public static (string TokenId, string Value) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{Prefix}{id}_{secret}");
    }

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
