namespace Platform.Workers.Data;

/// <summary>
/// The folder the course's data files are read from (<c>--data-dir</c>, then <c>PLATFORM_DATA_DIR</c>, then <c>./data</c>).
/// Resolving a missing file fails with a message naming the file and the folder searched.
/// </summary>
public sealed class DataDirectory(string root)
{
    public const string EnvironmentVariable = "PLATFORM_DATA_DIR";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The data directory chosen by an explicit option, the environment, or the default <c>./data</c>.</summary>
    public static DataDirectory Resolve(string? explicitPath) =>
        new(explicitPath ?? Environment.GetEnvironmentVariable(EnvironmentVariable) ?? "data");

    public string File(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new DataFileNotFoundException($"data file '{relativePath}' is outside the data directory '{Root}'");
        }

        return System.IO.File.Exists(full)
            ? full
            : throw new DataFileNotFoundException(
                $"data file '{relativePath}' not found in data directory '{Root}' (set --data-dir or {EnvironmentVariable})");
    }
}

public sealed class DataFileNotFoundException(string message) : Exception(message);
