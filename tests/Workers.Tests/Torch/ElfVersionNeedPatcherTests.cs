using Platform.Workers.Torch;

namespace Platform.Workers.Tests.Torch;

public sealed class ElfVersionNeedPatcherTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("elf-patch-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Marking_the_GLIBCXX_3_4_32_need_weak_sets_only_that_flag_and_a_second_call_changes_nothing()
    {
        var copy = UnpatchedCopyOfTorchSharpGlue();
        var before = File.ReadAllBytes(copy);
        var offset = Assert.Single(ElfVersionNeedPatcher.FindVersionNeedFlagOffsets(before, TorchNativeLoader.RequiredVersion));

        Assert.Equal(VersionNeedPatchResult.Patched, ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, TorchNativeLoader.RequiredVersion));

        var after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        Assert.Equal(before[offset] | ElfVersionNeedPatcher.VerFlagWeak, after[offset]);
        var differing = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.Equal([offset], differing);

        Assert.Equal(VersionNeedPatchResult.AlreadyWeak, ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, TorchNativeLoader.RequiredVersion));
        Assert.Equal(after, File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_version_the_library_does_not_need_leaves_the_file_untouched()
    {
        var copy = UnpatchedCopyOfTorchSharpGlue();
        var before = File.ReadAllBytes(copy);

        Assert.Equal(VersionNeedPatchResult.NotRequired, ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, "GLIBCXX_9.9.99"));
        Assert.Equal(before, File.ReadAllBytes(copy));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Patching_keeps_the_file_mode_and_modification_time()
    {
        var copy = UnpatchedCopyOfTorchSharpGlue();
        var stamp = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(copy, stamp);
        var mode = File.GetUnixFileMode(copy);

        ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, TorchNativeLoader.RequiredVersion);

        Assert.Equal(stamp, File.GetLastWriteTimeUtc(copy));
        Assert.Equal(mode, File.GetUnixFileMode(copy));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public void The_hosts_libstdcxx_is_found_and_its_defined_versions_are_read()
    {
        var library = HostLibStdCxx.Locate();

        Assert.NotNull(library);
        var versions = ElfVersionNeedPatcher.ReadDefinedVersions(File.ReadAllBytes(library));
        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("GLIBCXX_3.4.30", versions);
    }

    [Fact]
    public void Non_ELF_input_is_rejected_with_a_clear_error()
    {
        var bogus = Path.Combine(folder, "bogus.so");
        File.WriteAllBytes(bogus, new byte[128]);

        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkVersionNeedWeak(bogus, TorchNativeLoader.RequiredVersion));
        Assert.Contains("ELF", error.Message);
    }

    /// <summary>
    /// A copy of the build output's libLibTorchSharp.so with the weak flag cleared again: the loader may already have patched
    /// the output copy in this test run, and the NuGet cache must not be read as a stand-in for what the app loads.
    /// </summary>
    private string UnpatchedCopyOfTorchSharpGlue()
    {
        var source = TorchNativeLoader.CandidateLibraryPaths(AppContext.BaseDirectory).First(File.Exists);
        var bytes = File.ReadAllBytes(source);
        foreach (var offset in ElfVersionNeedPatcher.FindVersionNeedFlagOffsets(bytes, TorchNativeLoader.RequiredVersion))
        {
            bytes[offset] &= unchecked((byte)~ElfVersionNeedPatcher.VerFlagWeak);
        }

        var copy = Path.Combine(folder, TorchNativeLoader.LibraryFileName);
        File.WriteAllBytes(copy, bytes);
        return copy;
    }
}
