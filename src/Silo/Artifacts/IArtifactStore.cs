using Platform.Contracts.Tracking;

namespace Platform.Silo.Artifacts;

/// <summary>
/// Artifact storage behind MLflow's artifact proxy. Paths are relative, '/'-separated and already checked by
/// <see cref="ArtifactPath.Normalize"/>; implementations stream content and never hold a whole file in memory.
/// The local file system is the default; an object store implements the same four operations.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Writes (replaces) the file at <paramref name="path"/> from <paramref name="content"/>, creating parent folders.</summary>
    Task WriteAsync(string path, Stream content, CancellationToken ct = default);

    /// <summary>A read stream of the file, or null when there is no file at <paramref name="path"/>.</summary>
    Task<Stream?> OpenReadAsync(string path, CancellationToken ct = default);

    /// <summary>The immediate children of the folder, paths relative to the store root; empty when the folder does not exist.</summary>
    Task<IReadOnlyList<ArtifactFileInfo>> ListAsync(string path, CancellationToken ct = default);

    /// <summary>Deletes the file or folder (recursively); false when nothing was there.</summary>
    Task<bool> DeleteAsync(string path, CancellationToken ct = default);
}
