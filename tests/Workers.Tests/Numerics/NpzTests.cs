using System.IO.Compression;
using System.Text;
using Platform.Workers.Numerics;

namespace Platform.Workers.Tests.Numerics;

public sealed class NpzTests
{
    [Fact]
    public void Each_array_is_an_npy_entry_with_numpys_header_and_little_endian_values()
    {
        var npz = Npz.Write([NamedArray.Of("W1", [2, 3], [1.0, 2, 3, 4, 5, 6]), NamedArray.Of("b", [], [0.5]), NamedArray.Of("v", [2], [1f, -2f])]);

        var files = Read(npz);
        Assert.Equal(["W1.npy", "b.npy", "v.npy"], files.Keys);
        var (header, data) = Npy(files["W1.npy"]);
        Assert.Equal("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", header.TrimEnd());
        Assert.Equal([1.0, 2, 3, 4, 5, 6], Enumerable.Range(0, 6).Select(i => BitConverter.ToDouble(data, i * 8)));
        Assert.Equal("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", Npy(files["b.npy"]).Header.TrimEnd());
        var (vectorHeader, vector) = Npy(files["v.npy"]);
        Assert.Equal("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", vectorHeader.TrimEnd());
        Assert.Equal([1f, -2f], [BitConverter.ToSingle(vector, 0), BitConverter.ToSingle(vector, 4)]);
    }

    [Fact]
    public void A_shape_that_does_not_hold_the_values_is_refused()
    {
        Assert.Throws<ArgumentException>(() => NamedArray.Of("W1", [2, 2], [1.0, 2, 3]));
    }

    internal static Dictionary<string, byte[]> Read(byte[] npz)
    {
        using var zip = new ZipArchive(new MemoryStream(npz), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var content = new MemoryStream();
            e.Open().CopyTo(content);
            return content.ToArray();
        });
    }

    /// <summary>The header text and the data bytes of an .npy file, checking the magic, version and 64-byte alignment.</summary>
    internal static (string Header, byte[] Data) Npy(byte[] npy)
    {
        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0], npy[..8]);
        var length = BitConverter.ToUInt16(npy, 8);
        Assert.Equal(0, (10 + length) % 64);
        Assert.Equal((byte)'\n', npy[10 + length - 1]);
        return (Encoding.ASCII.GetString(npy, 10, length), npy[(10 + length)..]);
    }
}
