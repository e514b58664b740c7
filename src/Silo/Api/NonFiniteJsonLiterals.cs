namespace Platform.Silo.Api;

/// <summary>
/// MLflow's Python server and clients write NaN and infinities as bare tokens (<c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>),
/// which is not JSON and which System.Text.Json refuses. This rewrites those tokens, outside strings, into the quoted forms
/// ("NaN", "Infinity", "-Infinity") that the proto3 JSON mapping uses and <see cref="Platform.Contracts.Tracking.TrackingJson"/> reads.
/// </summary>
/// <remarks>
/// It scans the UTF-8 bytes directly: every log-batch body passes through here, and decoding it to a string first cost more than
/// the scan. That is safe because the bytes of a multi-byte UTF-8 character are never ASCII, so '"', '\' and the tokens' letters
/// only ever match themselves.
/// </remarks>
public static class NonFiniteJsonLiterals
{
    private static readonly byte[][] Tokens = ["-Infinity"u8.ToArray(), "Infinity"u8.ToArray(), "NaN"u8.ToArray()];

    /// <summary>The body with bare tokens quoted; the same array when there is nothing to change.</summary>
    public static byte[] Quote(byte[] json) => Quote(json, json.Length);

    /// <summary>As <see cref="Quote(byte[])"/> over the first <paramref name="length"/> bytes of <paramref name="json"/>.</summary>
    public static byte[] Quote(byte[] json, int length)
    {
        MemoryStream? output = null;
        var span = json.AsSpan(0, length);
        var inString = false;
        var copiedUpTo = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
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
            if (c is not ((byte)'N' or (byte)'I' or (byte)'-'))
                continue;
            var token = FindToken(span[i..]);
            if (token is null)
                continue;
            output ??= new MemoryStream(length + 16);
            output.Write(span[copiedUpTo..i]);
            output.WriteByte((byte)'"');
            output.Write(token);
            output.WriteByte((byte)'"');
            i += token.Length - 1;
            copiedUpTo = i + 1;
        }
        if (output is null)
            return length == json.Length ? json : span.ToArray();
        output.Write(span[copiedUpTo..]);
        return output.ToArray();
    }

    private static byte[]? FindToken(ReadOnlySpan<byte> rest)
    {
        foreach (var token in Tokens)
        {
            if (rest.StartsWith(token))
                return token;
        }
        return null;
    }
}
