using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Platform.Contracts.Client;
using Platform.Contracts.Tracking;
using Platform.Dashboard.Formatting;

namespace Platform.Dashboard.Artifacts;

public partial class ArtifactBrowser
{
    /// <summary>Images shown inline per folder; the rest are a click away in the list.</summary>
    internal const int MaxInlineImages = 24;

    [Parameter, EditorRequired]
    public Run Run { get; set; } = default!;

    [Inject]
    private TrackingClient Tracking { get; set; } = default!;

    /// <summary>The folder shown, relative to the run's artifact root; null is the root.</summary>
    private string? Folder { get; set; }

    private IReadOnlyList<ArtifactFileInfo>? Entries { get; set; }

    private IReadOnlyList<ArtifactFileInfo> Images { get; set; } = [];

    private string? Error { get; set; }

    private (string Path, string Text, bool Truncated)? Preview { get; set; }

    private IEnumerable<(string Name, string Path)> Crumbs
    {
        get
        {
            if (Folder is null)
            {
                yield break;
            }

            var segments = Folder.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                yield return (segments[i], string.Join('/', segments[..(i + 1)]));
            }
        }
    }

    private string? _loadedRunId;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedRunId != Run.Info.RunId)
        {
            _loadedRunId = Run.Info.RunId;
            await OpenAsync(null);
        }
    }

    private async Task OpenAsync(string? folder)
    {
        Folder = folder;
        Entries = null;
        Preview = null;
        Error = null;
        try
        {
            // Folders first, then files, each by name: the order of a file manager.
            Entries = (await Tracking.ListArtifactsAsync(Run.Info.RunId, folder))
                .OrderByDescending(e => e.IsDir).ThenBy(e => e.Path, StringComparer.Ordinal).ToArray();
            Images = Entries.Where(e => !e.IsDir && ArtifactPaths.KindOf(e.Path) == ArtifactKind.Image).Take(MaxInlineImages).ToArray();
        }
        catch (Exception e) when (ApiErrorText.IsApiFailure(e))
        {
            Error = ApiErrorText.Describe(e, "Artifacts");
        }
    }

    private async Task PreviewAsync(string path)
    {
        try
        {
            await using var stream = await Tracking.DownloadArtifactAsync(Run, path);
            var buffer = new byte[ArtifactPaths.MaxPreviewBytes + 1];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false);
            var truncated = read > ArtifactPaths.MaxPreviewBytes;
            // A cut may split a UTF-8 sequence; the decoder turns that tail into one replacement character, which is honest.
            Preview = (path, Encoding.UTF8.GetString(buffer, 0, Math.Min(read, ArtifactPaths.MaxPreviewBytes)), truncated);
        }
        catch (Exception e) when (ApiErrorText.IsApiFailure(e))
        {
            Error = ApiErrorText.Describe(e, $"Artifact '{path}'");
        }
    }

    private static string Size(long? bytes) => bytes switch
    {
        null => "",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes.Value / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes.Value / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };
}
