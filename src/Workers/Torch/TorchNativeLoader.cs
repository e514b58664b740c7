namespace Platform.Workers.Torch;

/// <summary>
/// Makes TorchSharp's native glue loadable on distributions whose libstdc++ predates GCC 13 (Debian 12, Ubuntu 22.04, RHEL 9).
/// <c>libLibTorchSharp.so</c> 0.107.0 requires GLIBCXX_3.4.32 for a single link-anchor symbol it never calls; when the host's
/// libstdc++ lacks that version, the requirement in the copy next to the application is marked weak so glibc loads it anyway.
/// Must run before the first <c>torch</c> call; see docs/torchsharp-on-older-distros.md.
/// </summary>
public static class TorchNativeLoader
{
    public const string RequiredVersion = "GLIBCXX_3.4.32";
    public const string LibraryFileName = "libLibTorchSharp.so";

    private static readonly Lazy<TorchNativeLoadReport> Once = new(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Patches the application's copy of libLibTorchSharp.so if needed. Once per process; later calls return the first report.</summary>
    public static TorchNativeLoadReport EnsureLoadable() => Once.Value;

    /// <summary>The folders the runtime loads native assets from: RID-specific output first, then a flat (published) layout.</summary>
    public static IEnumerable<string> CandidateLibraryPaths(string baseDirectory) =>
    [
        Path.Combine(baseDirectory, "runtimes", "linux-x64", "native", LibraryFileName),
        Path.Combine(baseDirectory, LibraryFileName),
    ];

    private static TorchNativeLoadReport Prepare()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new TorchNativeLoadReport(HostLibStdCxx: null, HostHasRequiredVersion: true, []);
        }

        var hostLibrary = HostLibStdCxx.Locate();
        var hostHasVersion = hostLibrary is not null && HostLibStdCxx.DefinesVersion(hostLibrary, RequiredVersion);
        if (hostHasVersion)
        {
            return new TorchNativeLoadReport(hostLibrary, HostHasRequiredVersion: true, []);
        }

        // Unknown host library counts as "lacks it": the weak flag is harmless where the version exists.
        var patched = new List<(string, VersionNeedPatchResult)>();
        foreach (var candidate in CandidateLibraryPaths(AppContext.BaseDirectory).Where(File.Exists))
        {
            try
            {
                patched.Add((candidate, ElfVersionNeedPatcher.MarkVersionNeedWeak(candidate, RequiredVersion)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException(
                    $"{candidate} needs {RequiredVersion}, which this host's libstdc++ ({hostLibrary ?? "not found"}) lacks, "
                    + "and the file could not be patched. Make it writable or see docs/torchsharp-on-older-distros.md.", e);
            }
        }

        return new TorchNativeLoadReport(hostLibrary, HostHasRequiredVersion: false, patched);
    }
}

/// <summary>What <see cref="TorchNativeLoader.EnsureLoadable"/> found and did, for logs and tests.</summary>
public sealed record TorchNativeLoadReport(
    string? HostLibStdCxx,
    bool HostHasRequiredVersion,
    IReadOnlyList<(string Path, VersionNeedPatchResult Result)> Libraries);
