using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Platform.Workers.Weights;

namespace Platform.Workers.Tests.Support;

/// <summary>
/// Writes MATLAB level-5 .mat files (little-endian) from the reader's own array records, each variable compressed or not,
/// so the reader is tested on files in the real format that the tests make themselves.
/// </summary>
public static class MatFileWriter
{
    public static void Write(string path, IEnumerable<MatArray> variables, bool compress)
    {
        using var file = File.Create(path);
        var header = new byte[128];
        Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, written by Platform tests".PadRight(116)).CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(124), 0x0100);
        header[126] = (byte)'I';
        header[127] = (byte)'M';
        file.Write(header);
        foreach (var variable in variables)
        {
            var matrix = Matrix(variable);
            if (compress)
            {
                using var packed = new MemoryStream();
                using (var zlib = new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true))
                {
                    zlib.Write(matrix);
                }

                file.Write(Tag(15, (int)packed.Length));
                file.Write(packed.ToArray());
            }
            else
            {
                file.Write(matrix);
            }
        }
    }

    private static byte[] Matrix(MatArray array)
    {
        var body = new MemoryStream();
        var (classId, write) = array switch
        {
            MatNumeric { Singles: { } s } => (7, (Action)(() => Element(body, 7, s.SelectMany(BitConverter.GetBytes).ToArray()))),
            MatNumeric { Doubles: { } d } => (6, () => Element(body, 9, d.SelectMany(BitConverter.GetBytes).ToArray())),
            MatChar c => (4, () => Element(body, 4, Encoding.Unicode.GetBytes(c.Text))),
            MatCell cell => (1, () => cell.Cells.ToList().ForEach(x => body.Write(Matrix(x)))),
            MatStruct s => (2, () =>
            {
                body.Write(Tag(5, 4, small: true));
                body.Write(BitConverter.GetBytes(32));
                Element(body, 1, s.FieldNames.SelectMany(f => Encoding.ASCII.GetBytes(f.PadRight(32, '\0'))).ToArray());
                foreach (var element in s.Elements)
                {
                    foreach (var field in s.FieldNames)
                    {
                        body.Write(Matrix(element[field]));
                    }
                }
            }),
            _ => throw new ArgumentException($"cannot write {array.GetType().Name}"),
        };
        Element(body, 6, [.. BitConverter.GetBytes(classId), .. BitConverter.GetBytes(0)]);
        Element(body, 5, array.Dimensions.SelectMany(BitConverter.GetBytes).ToArray());
        Element(body, 1, Encoding.ASCII.GetBytes(array.Name));
        write();
        var content = body.ToArray();
        return [.. Tag(14, content.Length), .. content];
    }

    private static void Element(Stream stream, int type, byte[] data)
    {
        stream.Write(Tag(type, data.Length));
        stream.Write(data);
        stream.Write(new byte[(8 - data.Length % 8) % 8]);
    }

    private static byte[] Tag(int type, int size, bool small = false) =>
        small ? BitConverter.GetBytes((size << 16) | type) : [.. BitConverter.GetBytes(type), .. BitConverter.GetBytes(size)];
}
