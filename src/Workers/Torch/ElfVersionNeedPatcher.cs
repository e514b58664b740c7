using System.Buffers.Binary;
using System.Text;

namespace Platform.Workers.Torch;

/// <summary>What <see cref="ElfVersionNeedPatcher.MarkVersionNeedWeak"/> did to the file.</summary>
public enum VersionNeedPatchResult
{
    /// <summary>The file does not require the version at all; nothing written.</summary>
    NotRequired,

    /// <summary>The requirement was already weak; nothing written.</summary>
    AlreadyWeak,

    /// <summary>The requirement was made weak; the file was rewritten.</summary>
    Patched,
}

/// <summary>
/// Minimal ELF64 little-endian reader/patcher for symbol versioning. A shared object lists the versions it needs from each
/// library in <c>.gnu.version_r</c> (an <c>Elf64_Verneed</c> chain, each with an <c>Elf64_Vernaux</c> chain). glibc's loader
/// refuses to load the object when a needed version is missing, unless that entry carries <c>VER_FLG_WEAK</c>; then it
/// only warns. Setting the flag is a 2-byte change and is what makes TorchSharp load on Debian 12 (see docs).
/// </summary>
public static class ElfVersionNeedPatcher
{
    public const ushort VerFlagWeak = 0x2;

    private const uint SectionTypeVersionNeed = 0x6ffffffe; // SHT_GNU_verneed
    private const uint SectionTypeVersionDefinition = 0x6ffffffd; // SHT_GNU_verdef

    /// <summary>Sets VER_FLG_WEAK on every needed-version entry named <paramref name="versionName"/> in the file at <paramref name="path"/>.</summary>
    /// <remarks>
    /// The new content goes to a temporary file in the same folder that then replaces the original by rename, so a process that
    /// already mapped the old file keeps a consistent copy and a concurrent patcher never sees a half-written file.
    /// The original modification time is kept so an incremental build does not see the file as changed.
    /// </remarks>
    public static VersionNeedPatchResult MarkVersionNeedWeak(string path, string versionName)
    {
        var bytes = File.ReadAllBytes(path);
        var flagOffsets = FindVersionNeedFlagOffsets(bytes, versionName);
        if (flagOffsets.Count == 0)
        {
            return VersionNeedPatchResult.NotRequired;
        }

        var changed = false;
        foreach (var offset in flagOffsets)
        {
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset));
            if ((flags & VerFlagWeak) == 0)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), (ushort)(flags | VerFlagWeak));
                changed = true;
            }
        }

        if (!changed)
        {
            return VersionNeedPatchResult.AlreadyWeak;
        }

        ReplaceAtomically(path, bytes);
        return VersionNeedPatchResult.Patched;
    }

    /// <summary>The byte offsets of <c>vna_flags</c> of each needed-version entry called <paramref name="versionName"/>.</summary>
    public static IReadOnlyList<int> FindVersionNeedFlagOffsets(ReadOnlySpan<byte> elf, string versionName)
    {
        var result = new List<int>();
        foreach (var section in Sections(elf))
        {
            if (section.Type != SectionTypeVersionNeed)
            {
                continue;
            }

            var strings = SectionAt(elf, section.Link);
            var needOffset = checked((int)section.Offset);
            for (var need = 0; need < section.Info; need++)
            {
                var auxCount = U16(elf, needOffset + 2);
                var auxOffset = needOffset + (int)U32(elf, needOffset + 8);
                for (var aux = 0; aux < auxCount; aux++)
                {
                    var name = CString(elf, checked((int)strings.Offset + (int)U32(elf, auxOffset + 8)));
                    if (name == versionName)
                    {
                        result.Add(auxOffset + 4);
                    }

                    auxOffset += (int)U32(elf, auxOffset + 12);
                }

                needOffset += (int)U32(elf, needOffset + 12);
            }
        }

        return result;
    }

    /// <summary>The version names a library defines (<c>.gnu.version_d</c>), e.g. GLIBCXX_3.4.30 for Debian 12's libstdc++.</summary>
    public static IReadOnlySet<string> ReadDefinedVersions(ReadOnlySpan<byte> elf)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in Sections(elf))
        {
            if (section.Type != SectionTypeVersionDefinition)
            {
                continue;
            }

            var strings = SectionAt(elf, section.Link);
            var defOffset = checked((int)section.Offset);
            for (var def = 0; def < section.Info; def++)
            {
                // Elf64_Verdef: the first Elf64_Verdaux names the version itself; later ones name its parents.
                var auxOffset = defOffset + (int)U32(elf, defOffset + 12);
                result.Add(CString(elf, checked((int)strings.Offset + (int)U32(elf, auxOffset))));
                defOffset += (int)U32(elf, defOffset + 16);
            }
        }

        return result;
    }

    private readonly record struct Section(uint Type, ulong Offset, ulong Size, uint Link, uint Info);

    private static List<Section> Sections(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
        }

        var headerOffset = checked((int)U64(elf, 0x28));
        var headerSize = U16(elf, 0x3A);
        var count = U16(elf, 0x3C);
        var sections = new List<Section>(count);
        for (var i = 0; i < count; i++)
        {
            var h = headerOffset + i * headerSize;
            sections.Add(new Section(U32(elf, h + 4), U64(elf, h + 24), U64(elf, h + 32), U32(elf, h + 40), U32(elf, h + 44)));
        }

        return sections;
    }

    private static Section SectionAt(ReadOnlySpan<byte> elf, uint index) => Sections(elf)[checked((int)index)];

    private static ushort U16(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(b[offset..]);

    private static uint U32(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(b[offset..]);

    private static ulong U64(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(b[offset..]);

    private static string CString(ReadOnlySpan<byte> b, int offset)
    {
        var length = b[offset..].IndexOf((byte)0);
        return Encoding.ASCII.GetString(b.Slice(offset, length < 0 ? b.Length - offset : length));
    }

    private static void ReplaceAtomically(string path, byte[] content)
    {
        var lastWrite = File.GetLastWriteTimeUtc(path);
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, content);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
            }

            File.SetLastWriteTimeUtc(temporary, lastWrite);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
