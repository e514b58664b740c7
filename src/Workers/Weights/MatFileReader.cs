using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Platform.Workers.Weights;

/// <summary>
/// Reads MATLAB level-5 .mat files (little-endian, as MATLAB and scipy.io.savemat write them): numeric, char, cell and
/// struct arrays, compressed or not. Enough for MatConvNet model files such as imagenet-vgg-verydeep-19.mat. Numeric arrays
/// with more than <c>maxElements</c> values are skipped (their dimensions are kept), so the fully connected layers of a
/// 500 MB model need not be held in memory.
/// </summary>
public static class MatFileReader
{
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7, MiDouble = 9,
        MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15, MiUtf8 = 16, MiUtf16 = 17, MiUtf32 = 18;

    private static readonly string[] ClassNames =
        ["", "cell", "struct", "object", "char", "sparse", "double", "single", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"];

    /// <summary>Every top-level variable of the file, by name.</summary>
    public static IReadOnlyDictionary<string, MatArray> Read(string path, long maxElements = long.MaxValue)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return Read(stream, path, maxElements);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: the MATLAB file ends inside a data element", e);
        }
    }

    private static Dictionary<string, MatArray> Read(Stream stream, string path, long maxElements)
    {
        var header = new byte[128];
        stream.ReadExactly(header);
        if (header[126] != (byte)'I' || header[127] != (byte)'M' || BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(124)) != 0x0100)
        {
            throw new InvalidDataException($"{path}: not a little-endian MATLAB 5 .mat file (MATLAB v7.3 files are HDF5: save with -v7)");
        }

        var variables = new Dictionary<string, MatArray>();
        var reader = new BinaryReader(stream);
        while (stream.Position < stream.Length)
        {
            var (type, size, small) = ReadTag(reader);
            MatArray? variable;
            if (type == MiCompressed)
            {
                using var inflated = new ZLibStream(new SubStream(stream, size), CompressionMode.Decompress);
                var inner = new BinaryReader(inflated);
                var (innerType, innerSize, _) = ReadTag(inner);
                variable = innerType == MiMatrix ? ReadMatrix(inner, innerSize, path, maxElements) : null;
            }
            else
            {
                variable = type == MiMatrix ? ReadMatrix(reader, size, path, maxElements) : null;
                if (type != MiMatrix)
                {
                    Skip(reader, size);
                }

                SkipPadding(reader, size, small);
            }

            if (variable is not null)
            {
                variables[variable.Name] = variable;
            }
        }

        return variables;
    }

    private static MatArray ReadMatrix(BinaryReader reader, int size, string path, long maxElements)
    {
        if (size == 0)
        {
            return new MatNumeric("", [0, 0], "double", null, []); // MATLAB writes empty cells as empty matrices
        }

        var flags = ReadElement(reader);
        var classId = BinaryPrimitives.ReadUInt32LittleEndian(flags.Data) & 0xFF;
        var complex = (BinaryPrimitives.ReadUInt32LittleEndian(flags.Data) & 0x800) != 0;
        var dimensions = ToInts(ReadElement(reader));
        var name = Encoding.ASCII.GetString(ReadElement(reader).Data);
        var count = dimensions.Aggregate(1L, (a, b) => a * b);
        switch (classId)
        {
            case 1:
                return new MatCell(name, dimensions, Enumerable.Range(0, checked((int)count)).Select(_ => ReadNested(reader, path, maxElements)).ToArray());
            case 2:
                var nameLength = ToInts(ReadElement(reader))[0];
                var namesBytes = ReadElement(reader).Data;
                var fields = Enumerable.Range(0, nameLength == 0 ? 0 : namesBytes.Length / nameLength)
                    .Select(i => Encoding.ASCII.GetString(namesBytes, i * nameLength, nameLength).TrimEnd('\0')).ToArray();
                var elements = new List<IReadOnlyDictionary<string, MatArray>>();
                for (var e = 0; e < count; e++)
                {
                    elements.Add(fields.ToDictionary(f => f, _ => ReadNested(reader, path, maxElements)));
                }

                return new MatStruct(name, dimensions, fields, elements);
            case 4:
                var text = ReadElement(reader);
                return new MatChar(name, dimensions, DecodeText(text.Type, text.Data));
            case >= 6 and <= 15:
                var className = ClassNames[classId];
                MatNumeric result;
                if (count > maxElements)
                {
                    SkipElement(reader);
                    result = new MatNumeric(name, dimensions, className, null, null);
                }
                else
                {
                    var real = ReadElement(reader);
                    result = classId == 7
                        ? new MatNumeric(name, dimensions, className, ToDoubles(real).Select(v => (float)v).ToArray(), null)
                        : new MatNumeric(name, dimensions, className, null, ToDoubles(real));
                }

                if (complex)
                {
                    SkipElement(reader); // imaginary parts: model files have none worth reading
                }

                return result;
            default:
                throw new InvalidDataException($"{path}: array '{name}' is a MATLAB {ClassNames.ElementAtOrDefault((int)classId) ?? classId.ToString()} array, which this reader does not support");
        }
    }

    private static MatArray ReadNested(BinaryReader reader, string path, long maxElements)
    {
        var (type, size, small) = ReadTag(reader);
        if (type != MiMatrix)
        {
            throw new InvalidDataException($"{path}: expected a matrix inside a cell or struct, found data type {type}");
        }

        var array = ReadMatrix(reader, size, path, maxElements);
        SkipPadding(reader, size, small);
        return array;
    }

    private static (int Type, int Size, bool Small) ReadTag(BinaryReader reader)
    {
        var first = reader.ReadUInt32();
        if (first >> 16 != 0)
        {
            return ((int)(first & 0xFFFF), (int)(first >> 16), true); // small element: the data sits in the tag's second word
        }

        return ((int)first, checked((int)reader.ReadUInt32()), false);
    }

    private static (int Type, byte[] Data) ReadElement(BinaryReader reader)
    {
        var (type, size, small) = ReadTag(reader);
        var data = reader.ReadBytes(size);
        if (data.Length != size)
        {
            throw new EndOfStreamException();
        }

        if (small)
        {
            reader.ReadBytes(4 - size);
        }
        else
        {
            SkipPadding(reader, size, small);
        }

        return (type, data);
    }

    private static void SkipElement(BinaryReader reader)
    {
        var (_, size, small) = ReadTag(reader);
        Skip(reader, small ? 4 : size);
        if (!small)
        {
            SkipPadding(reader, size, small);
        }
    }

    private static void SkipPadding(BinaryReader reader, int size, bool small)
    {
        if (!small && size % 8 != 0)
        {
            Skip(reader, 8 - size % 8);
        }
    }

    private static void Skip(BinaryReader reader, long count)
    {
        var buffer = new byte[Math.Min(count, 1 << 16)];
        while (count > 0)
        {
            var read = reader.Read(buffer, 0, (int)Math.Min(count, buffer.Length));
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            count -= read;
        }
    }

    private static int[] ToInts((int Type, byte[] Data) element) => ToDoubles(element).Select(v => (int)v).ToArray();

    private static double[] ToDoubles((int Type, byte[] Data) element)
    {
        var d = element.Data.AsSpan();
        return element.Type switch
        {
            MiInt8 => Convert(d, 1, s => (sbyte)s[0]),
            MiUInt8 or MiUtf8 => Convert(d, 1, s => s[0]),
            MiInt16 => Convert(d, 2, s => BinaryPrimitives.ReadInt16LittleEndian(s)),
            MiUInt16 => Convert(d, 2, s => BinaryPrimitives.ReadUInt16LittleEndian(s)),
            MiInt32 => Convert(d, 4, s => BinaryPrimitives.ReadInt32LittleEndian(s)),
            MiUInt32 => Convert(d, 4, s => BinaryPrimitives.ReadUInt32LittleEndian(s)),
            MiSingle => Convert(d, 4, s => BinaryPrimitives.ReadSingleLittleEndian(s)),
            MiDouble => Convert(d, 8, s => BinaryPrimitives.ReadDoubleLittleEndian(s)),
            MiInt64 => Convert(d, 8, s => BinaryPrimitives.ReadInt64LittleEndian(s)),
            MiUInt64 => Convert(d, 8, s => BinaryPrimitives.ReadUInt64LittleEndian(s)),
            _ => throw new InvalidDataException($"data type {element.Type} is not numeric"),
        };
    }

    private delegate double ElementReader(ReadOnlySpan<byte> bytes);

    private static double[] Convert(ReadOnlySpan<byte> data, int width, ElementReader read)
    {
        var values = new double[data.Length / width];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = read(data.Slice(i * width, width));
        }

        return values;
    }

    private static string DecodeText(int type, byte[] data) => type switch
    {
        MiUtf16 or MiUInt16 => Encoding.Unicode.GetString(data),
        MiUtf32 => Encoding.UTF32.GetString(data),
        MiUtf8 or MiUInt8 or MiInt8 => Encoding.UTF8.GetString(data),
        _ => throw new InvalidDataException($"data type {type} is not text"),
    };

    /// <summary>A window of <paramref name="length"/> bytes from the current position, so inflating stops at the element's end.</summary>
    private sealed class SubStream(Stream inner, long length) : Stream
    {
        private readonly long total = length;
        private long remaining = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => total;

        public override long Position { get => total - remaining; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, (int)Math.Min(count, remaining));
            remaining -= read;
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            // Skip what the inflater did not consume so the next element starts where the file says it does.
            var rest = new byte[4096];
            while (remaining > 0 && Read(rest, 0, rest.Length) > 0)
            {
            }

            base.Dispose(disposing);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
