using System.Text;
using System.Text.Json;

namespace Platform.Silo.Search;

/// <summary>
/// MLflow-style opaque page tokens: base64 of <c>{"offset": n}</c>, as MLflow's own SQL store writes them, so tokens are
/// stable across servers of this platform. Anything else is an invalid token.
/// </summary>
public static class PageToken
{
    public static string Encode(long offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, long> { ["offset"] = offset })));

    /// <summary>The offset in <paramref name="token"/>; 0 when null or empty.</summary>
    public static long Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return 0;
        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var values = JsonSerializer.Deserialize<Dictionary<string, long>>(json);
            if (values is not null && values.TryGetValue("offset", out var offset) && offset >= 0)
                return offset;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
        }
        throw new SearchSyntaxException($"Invalid page token '{token}'");
    }
}
