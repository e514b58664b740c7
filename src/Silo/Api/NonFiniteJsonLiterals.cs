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
        var copiedUpTo = 0;
        // Vectorised searches for the next byte that matters: outside strings a string's start or a token's letter (the '-' of
        // -Infinity is looked at behind its 'I': minus signs are in every other number), inside a string its end or an escape.
        for (var i = 0; i < span.Length;)
        {
            var next = span[i..].IndexOfAny((byte)'"', (byte)'N', (byte)'I');
            if (next < 0)
                break;
            i += next;
            if (span[i] == '"')
            {
                i = EndOfString(span, i + 1);
                continue;
            }
            var start = span[i] == 'I' && i - 1 >= copiedUpTo && span[i - 1] == '-' ? i - 1 : i;
            var token = FindToken(span[start..]);
            if (token is null)
            {
                i++;
                continue;
            }
            output ??= new MemoryStream(length + 16);
            output.Write(span[copiedUpTo..start]);
            output.WriteByte((byte)'"');
            output.Write(token);
            output.WriteByte((byte)'"');
            i = copiedUpTo = start + token.Length;
        }
        if (output is null)
            return length == json.Length ? json : span.ToArray();
        output.Write(span[copiedUpTo..]);
        return output.ToArray();
    }

    /// <summary>The index after the closing quote of the string whose contents start at <paramref name="i"/> (the end if unclosed).</summary>
    private static int EndOfString(ReadOnlySpan<byte> span, int i)
    {
        while (i < span.Length)
        {
            var next = span[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0)
                return span.Length;
            i += next;
            if (span[i] == '"')
                return i + 1;
            i += 2; // an escape: the next byte is never the string's end
        }
        return span.Length;
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
