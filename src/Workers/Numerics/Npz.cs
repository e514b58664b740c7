using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Numerics;

/// <summary>A named array in C (row-major) order: float64 or float32 values with their shape.</summary>
public sealed record NamedArray(string Name, int[] Shape, Array Values)
{
    public static NamedArray Of(string name, int[] shape, double[] values) => Checked(new NamedArray(name, shape, values));

    public static NamedArray Of(string name, int[] shape, float[] values) => Checked(new NamedArray(name, shape, values));

    public static NamedArray Of(string name, Matrix matrix) => Of(name, [matrix.Rows, matrix.Columns], matrix.Data);

    /// <summary>A float64 or float32 tensor's values, copied to the CPU.</summary>
    public static NamedArray Of(string name, Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        var shape = cpu.shape.Select(d => (int)d).ToArray();
        return cpu.dtype == ScalarType.Float32 ? Of(name, shape, cpu.data<float>().ToArray()) : Of(name, shape, Float64Tensors.Values(cpu));
    }

    private static NamedArray Checked(NamedArray array) =>
        array.Shape.Aggregate(1L, (n, d) => n * d) == array.Values.Length
            ? array
            : throw new ArgumentException($"{array.Name}: shape ({string.Join(", ", array.Shape)}) does not hold {array.Values.Length} values");
}

/// <summary>
/// numpy's <c>.npz</c>: a zip with one <c>NAME.npy</c> per array (format 1.0, little-endian, C order), so
/// <c>numpy.load("parameters.npz")["W1"]</c> reads a run's learned parameters with their names and shapes.
/// </summary>
public static class Npz
{
    public static byte[] Write(IEnumerable<NamedArray> arrays)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var array in arrays)
            {
                using var entry = zip.CreateEntry(array.Name + ".npy", CompressionLevel.Fastest).Open();
                WriteNpy(entry, array);
            }
        }

        return buffer.ToArray();
    }

    private static void WriteNpy(Stream stream, NamedArray array)
    {
        var (descr, bytes) = array.Values switch
        {
            double[] d => ("<f8", MemoryMarshal.AsBytes(d.AsSpan()).ToArray()),
            float[] f => ("<f4", MemoryMarshal.AsBytes(f.AsSpan()).ToArray()),
            _ => throw new ArgumentException($"{array.Name}: only float64 and float32 arrays are written"),
        };
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("npz writing assumes a little-endian machine");
        }

        var shape = array.Shape.Length == 1 ? $"({array.Shape[0]},)" : $"({string.Join(", ", array.Shape)})";
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        // Magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64 and ended by a newline.
        var total = (10 + header.Length + 1 + 63) / 64 * 64;
        header = header.PadRight(total - 10 - 1) + "\n";
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(bytes);
    }
}
