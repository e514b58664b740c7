namespace Platform.Workers.Torch;

/// <summary>Finds the libstdc++ the dynamic loader uses in this process and reads which symbol versions it defines.</summary>
public static class HostLibStdCxx
{
    private const string FileName = "libstdc++.so.6";

    private static readonly string[] StandardDirectories =
    [
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib",
        "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
    ];

    /// <summary>
    /// The path of the libstdc++ that libLibTorchSharp.so will bind to: the copy already mapped into this process (the .NET
    /// runtime links it, and a process has only one), else the first one on LD_LIBRARY_PATH or in the standard folders.
    /// </summary>
    public static string? Locate()
    {
        return FromProcessMaps() ?? SearchDirectories().Select(d => Path.Combine(d, FileName)).FirstOrDefault(File.Exists);
    }

    public static bool DefinesVersion(string libraryPath, string version) =>
        ElfVersionNeedPatcher.ReadDefinedVersions(File.ReadAllBytes(libraryPath)).Contains(version);

    private static string? FromProcessMaps()
    {
        try
        {
            return File.ReadLines("/proc/self/maps")
                .Select(line => line.IndexOf('/') is var slash and >= 0 ? line[slash..].Trim() : null)
                .FirstOrDefault(path => path is not null && Path.GetFileName(path).StartsWith("libstdc++.so", StringComparison.Ordinal) && File.Exists(path));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static IEnumerable<string> SearchDirectories()
    {
        var fromEnvironment = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries);
        return fromEnvironment.Concat(StandardDirectories);
    }
}
