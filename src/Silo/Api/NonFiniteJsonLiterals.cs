using System.Text;

namespace Platform.Silo.Api;

/// <summary>
/// MLflow's Python server and clients write NaN and infinities as bare tokens (<c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>),
/// which is not JSON and which System.Text.Json refuses. This rewrites those tokens, outside strings, into the quoted forms
/// ("NaN", "Infinity", "-Infinity") that the proto3 JSON mapping uses and <see cref="Platform.Contracts.Tracking.TrackingJson"/> reads.
/// </summary>
public static class NonFiniteJsonLiterals
{
    private static readonly string[] Tokens = ["-Infinity", "Infinity", "NaN"];

    /// <summary>The body with bare tokens quoted; the same array when there is nothing to change.</summary>
    public static byte[] Quote(byte[] json)
    {
        StringBuilder? output = null;
        var text = Encoding.UTF8.GetString(json);
        var inString = false;
        var copiedUpTo = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                    i++;
                else if (c == '"')
                    inString = false;
                continue;
            }
            if (c == '"')
            {
                inString = true;
                continue;
            }
            if (c is not ('N' or 'I' or '-'))
                continue;
            var token = Tokens.FirstOrDefault(t => string.CompareOrdinal(text, i, t, 0, t.Length) == 0);
            if (token is null)
                continue;
            output ??= new StringBuilder(text.Length + 16);
            output.Append(text, copiedUpTo, i - copiedUpTo).Append('"').Append(token).Append('"');
            i += token.Length - 1;
            copiedUpTo = i + 1;
        }
        if (output is null)
            return json;
        output.Append(text, copiedUpTo, text.Length - copiedUpTo);
        return Encoding.UTF8.GetBytes(output.ToString());
    }
}
