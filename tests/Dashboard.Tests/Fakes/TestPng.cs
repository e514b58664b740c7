using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Platform.Dashboard.Tests.Fakes;

/// <summary>Writes small RGB PNGs for artifact fixtures, so the tests need no image files or imaging package.</summary>
public static class TestPng
{
    public static byte[] Create(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var raw = new byte[height * (1 + 3 * width)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + 3 * width); // filter byte 0 (none) then RGB triples
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = pixel(x, y);
                raw[row + 1 + 3 * x] = r;
                raw[row + 2 + 3 * x] = g;
                raw[row + 3 + 3 * x] = b;
            }
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type RGB
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A planar-data style decision boundary: two coloured regions split by a sine curve, with sample dots.</summary>
    public static byte[] DecisionBoundary(int width = 240, int height = 180) => Create(width, height, (x, y) =>
    {
        var boundary = height / 2.0 + height / 4.0 * Math.Sin(x / (double)width * 2 * Math.PI);
        var dot = (x % 24 - 12) * (x % 24 - 12) + (y % 20 - 10) * (y % 20 - 10) < 9;
        var above = y < boundary;
        return (above, dot) switch
        {
            (true, false) => ((byte)196, (byte)216, (byte)248),
            (false, false) => ((byte)252, (byte)220, (byte)196),
            (true, true) => ((byte)47, (byte)111, (byte)222),
            _ => ((byte)232, (byte)113, (byte)10),
        };
    });

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typeAndData));
        png.Write(length);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
