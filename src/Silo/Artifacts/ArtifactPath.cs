namespace Platform.Silo.Artifacts;

/// <summary>
/// Validates artifact paths from requests. Refused: absolute paths, '.' and '..' segments, backslashes, NUL, and the same
/// tricks hidden behind percent-encoding (the path is decoded up to three more times and every form is checked), because
/// routing decodes only once. Names longer than the file system allows are refused too (a 400, not a failed write).
/// Returns the canonical relative form ("a/b/c", "" for the root).
/// </summary>
public static class ArtifactPath
{
    public const int MaxSegmentBytes = 255;
    public const int MaxPathLength = 1024;

    public static string Normalize(string? path)
    {
        if (string.IsNullOrEmpty(path))
            return "";
        var form = path;
        for (var i = 0; i < 4; i++)
        {
            Check(form, path);
            var decoded = Uri.UnescapeDataString(form);
            if (decoded == form)
                break;
            form = decoded;
        }
        return string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries));
    }

    private static void Check(string form, string original)
    {
        if (form.StartsWith('/') || form.Contains('\\') || form.Contains('\0') || (form.Length > 1 && form[1] == ':'))
            throw new ArtifactPathException($"Invalid artifact path '{original}': must be a relative path");
        if (form.Split('/').Any(s => s is "." or ".."))
            throw new ArtifactPathException($"Invalid artifact path '{original}': '.' and '..' segments are not allowed");
        if (form.Length > MaxPathLength || form.Split('/').Any(s => System.Text.Encoding.UTF8.GetByteCount(s) > MaxSegmentBytes))
            throw new ArtifactPathException(
                $"Invalid artifact path '{original[..Math.Min(original.Length, 80)]}…': at most {MaxPathLength} characters and {MaxSegmentBytes} bytes per name");
    }
}

/// <summary>An artifact path that could escape the artifact root.</summary>
public sealed class ArtifactPathException(string message) : Exception(message);
