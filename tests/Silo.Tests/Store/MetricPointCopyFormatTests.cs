using Platform.Silo.Store.Postgres;
using Platform.Silo.Store.Sql;

namespace Platform.Silo.Tests.Store;

public sealed class MetricPointCopyFormatTests
{
    [Fact]
    public void Encodes_header_fixed_width_big_endian_rows_and_trailer()
    {
        var buffer = new byte[MetricPointCopyFormat.Size(2)];
        var written = MetricPointCopyFormat.Write([new MetricPoint(1, 2, 3, 0.5, false), new MetricPoint(258, -1, 0, 0, true)], buffer);

        Assert.Equal(19 + 2 * 55 + 2, written);
        Assert.Equal("PGCOPY\n\xFF\r\n\0"u8.ToArray().Take(7), buffer.Take(7));
        Assert.Equal(new byte[] { 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0 }, buffer[7..19]);
        var row = buffer.AsSpan(19, 55).ToArray();
        Assert.Equal(new byte[] { 0, 5, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 1 }, row[..14]);
        Assert.Equal(new byte[] { 0, 0, 0, 8, 0x3F, 0xE0, 0, 0, 0, 0, 0, 0 }, row[38..50]); // 0.5 as IEEE 754, big-endian
        Assert.Equal(new byte[] { 0, 0, 0, 1, 0 }, row[50..]);
        var second = buffer.AsSpan(19 + 55, 55).ToArray();
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 1, 2 }, second[6..14]);
        Assert.Equal(Enumerable.Repeat((byte)0xFF, 8), second[18..26]); // step -1
        Assert.Equal(1, second[54]);
        Assert.Equal(new byte[] { 0xFF, 0xFF }, buffer[^2..]);
    }
}
