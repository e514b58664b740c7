namespace Platform.Dashboard.Artifacts;

/// <summary>What the dashboard does with an artifact file: show it as an image, as text, or only offer it for download.</summary>
public enum ArtifactKind
{
    Other,
    Image,
    Text,
}

/// <summary>
/// The dashboard's rules for artifact paths and how files are served. The platform API enforces its own containment;
/// these checks are the second wall, so a crafted link to the dashboard endpoint never even reaches it.
/// </summary>
public static class ArtifactPaths
{
    /// <summary>Text previews stop here: a page is for reading, not for a 2 GB log.</summary>
    public const int MaxPreviewBytes = 64 * 1024;

    /// <summary>The dashboard endpoint that streams artifacts (relative to the app base).</summary>
    public const string EndpointPrefix = "_dashboard/artifacts";

    // SVG and HTML are deliberately absent: served from the dashboard's origin they could run script in its pages.
    private static readonly Dictionary<string, (ArtifactKind Kind, string ContentType)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = (ArtifactKind.Image, "image/png"),
        [".jpg"] = (ArtifactKind.Image, "image/jpeg"),
        [".jpeg"] = (ArtifactKind.Image, "image/jpeg"),
        [".gif"] = (ArtifactKind.Image, "image/gif"),
        [".txt"] = (ArtifactKind.Text, "text/plain; charset=utf-8"),
        [".log"] = (ArtifactKind.Text, "text/plain; charset=utf-8"),
        [".csv"] = (ArtifactKind.Text, "text/plain; charset=utf-8"),
        [".md"] = (ArtifactKind.Text, "text/plain; charset=utf-8"),
        [".yaml"] = (ArtifactKind.Text, "text/plain; charset=utf-8"),
        [".yml"] = (ArtifactKind.Text, "text/plain; charset=utf-8"),
        [".json"] = (ArtifactKind.Text, "application/json; charset=utf-8"),
    };

    public static ArtifactKind KindOf(string path) => Types.TryGetValue(Path.GetExtension(path), out var t) ? t.Kind : ArtifactKind.Other;

    /// <summary>The type to serve inline; anything unknown is opaque bytes, and goes out as an attachment.</summary>
    public static string ContentTypeOf(string path) => Types.TryGetValue(Path.GetExtension(path), out var t) ? t.ContentType : "application/octet-stream";

    /// <summary>A relative path of plain segments: no empty, "." or ".." segment, no backslash, no control character.</summary>
    public static bool IsSafe(string? path) =>
        !string.IsNullOrEmpty(path)
        && !path.Contains('\\', StringComparison.Ordinal)
        && !path.Any(char.IsControl)
        && path.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");

    public static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>The parent folder of a path, or null for a top-level entry.</summary>
    public static string? ParentOf(string path) => path.LastIndexOf('/') is var i and > 0 ? path[..i] : null;

    public static string Url(string runId, string path, bool download = false) =>
        $"{EndpointPrefix}/{Uri.EscapeDataString(runId)}/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}" + (download ? "?download=1" : "");
}
