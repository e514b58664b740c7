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

    /// <summary>The full path of a data file, which must lie inside the directory.</summary>
    /// <param name="hyperparameter">The hyperparameter that named the file, if one did: the error then names it too.</param>
    public string File(string relativePath, string? hyperparameter = null)
    {
        var named = hyperparameter is null ? $"data file '{relativePath}'" : $"data file '{relativePath}' (hyperparameter {hyperparameter})";
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new DataFileNotFoundException($"{named} is outside the data directory '{Root}'");
        }

        return System.IO.File.Exists(full)
            ? full
            : throw new DataFileNotFoundException($"{named} not found in data directory '{Root}' (set --data-dir or {EnvironmentVariable})");
    }
}

public sealed class DataFileNotFoundException(string message) : Exception(message);
