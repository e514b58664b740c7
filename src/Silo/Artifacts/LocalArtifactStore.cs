using Platform.Contracts.Tracking;

namespace Platform.Silo.Artifacts;

/// <summary>
/// Artifacts as files under one root folder. Besides <see cref="ArtifactPath"/>'s checks, every resolved path must stay under
/// the root, and symbolic links inside the root are never followed (a link could point anywhere).
/// </summary>
public sealed class LocalArtifactStore : IArtifactStore
{
    private const int BufferSize = 81920;
    private readonly string _root;

    public LocalArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root).TrimEnd('/');
        Directory.CreateDirectory(_root);
    }

    public async Task WriteAsync(string path, Stream content, CancellationToken ct = default)
    {
        var full = Resolve(path);
        if (full == _root)
            throw new ArtifactPathException($"Invalid artifact path '{path}': it names a folder");
        if (Conflict(path, full) is { } conflict)
            throw new ArtifactPathException(conflict);
        // Write beside the target and rename, so a reader never sees a half-written file and a failed upload leaves nothing.
        // A name of its own, not the target's plus a suffix: a target name of up to 255 bytes would make it too long.
        var temp = Path.Combine(Path.GetDirectoryName(full)!, ".upload-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            Resolve(path); // the folders just created are real folders, but check the whole chain again before writing
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
                await content.CopyToAsync(file, BufferSize, ct);
            File.Move(temp, full, overwrite: true);
        }
        catch (IOException) when (Conflict(path, full) is { } raced)
        {
            // A concurrent upload made a folder where this file goes, or a file where one of its folders goes.
            throw new ArtifactPathException(raced);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Why a file cannot be written at <paramref name="full"/>: a folder there, or a file where a folder of the path should be.</summary>
    private string? Conflict(string path, string full)
    {
        if (Directory.Exists(full))
            return $"Invalid artifact path '{path}': it names a folder";
        for (var parent = Path.GetDirectoryName(full); parent is not null && parent != _root; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
                return $"Invalid artifact path '{path}': '{Path.GetRelativePath(_root, parent)}' is a file, not a folder";
        }

        return null;
    }

    public Task<Stream?> OpenReadAsync(string path, CancellationToken ct = default)
    {
        var full = Resolve(path);
        Stream? stream = File.Exists(full)
            ? new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true)
            : null;
        return Task.FromResult(stream);
    }

    public Task<IReadOnlyList<ArtifactFileInfo>> ListAsync(string path, CancellationToken ct = default)
    {
        var full = Resolve(path);
        if (!Directory.Exists(full))
            return Task.FromResult<IReadOnlyList<ArtifactFileInfo>>([]);
        var prefix = ArtifactPath.Normalize(path);
        var entries = new DirectoryInfo(full).EnumerateFileSystemInfos()
            .Where(e => e.LinkTarget is null && !e.Name.Contains(".upload-", StringComparison.Ordinal))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => new ArtifactFileInfo(prefix.Length == 0 ? e.Name : $"{prefix}/{e.Name}", e is DirectoryInfo,
                e is FileInfo f ? f.Length : null))
            .ToList();
        return Task.FromResult<IReadOnlyList<ArtifactFileInfo>>(entries);
    }

    public Task<bool> DeleteAsync(string path, CancellationToken ct = default)
    {
        var full = Resolve(path);
        if (File.Exists(full))
        {
            File.Delete(full);
            return Task.FromResult(true);
        }
        if (Directory.Exists(full) && full != _root)
        {
            Directory.Delete(full, recursive: true);
            return Task.FromResult(true);
        }
        return Task.FromResult(false);
    }

    /// <summary>The absolute path for <paramref name="path"/>, refusing anything outside the root or through a symbolic link.</summary>
    private string Resolve(string path)
    {
        var relative = ArtifactPath.Normalize(path);
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (full != _root && !full.StartsWith(_root + "/", StringComparison.Ordinal))
            throw new ArtifactPathException($"Invalid artifact path '{path}': outside the artifact root");
        var current = _root;
        foreach (var segment in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, segment);
            var info = new FileInfo(current);
            if (info.Exists || Directory.Exists(current) || info.LinkTarget is not null)
            {
                if (info.LinkTarget is not null || (Directory.Exists(current) && new DirectoryInfo(current).LinkTarget is not null))
                    throw new ArtifactPathException($"Invalid artifact path '{path}': symbolic links are not followed");
            }
        }
        return full;
    }
}
