using Platform.Silo.Store.Sql;

namespace Platform.Silo.Tests.Store;

public sealed class MetricChunkTests
{
    [Fact]
    public void Packs_points_losslessly_with_their_first_last_count_and_value_range()
    {
        MetricPoint[] points =
        [
            new(7, -3, 1_700_000_000_000, 0.5, false), new(7, 0, 5, 0, true), new(7, 0, 6, double.PositiveInfinity, false),
            new(7, long.MaxValue, long.MinValue, -1e-300, false), new(7, long.MaxValue, long.MinValue, 0, true),
        ];

        var chunk = MetricChunk.Pack(points);

        Assert.Equal((7L, points[0], points[^1], 5), (chunk.SeriesId, chunk.First, chunk.Last, chunk.Count));
        Assert.Equal(5 * MetricChunk.PointSize, chunk.Points.Length);
        // NaN points count but never become the least or greatest value.
        Assert.Equal(-1e-300, chunk.Min);
        Assert.Equal(double.PositiveInfinity, chunk.Max);
        Assert.Equal(points, MetricChunk.Unpack(7, chunk.Points));
    }

    [Fact]
    public void A_chunk_of_only_NaN_points_has_no_value_range()
    {
        var chunk = MetricChunk.Pack([new MetricPoint(1, 1, 1, 0, true)]);

        Assert.Null(chunk.Min);
        Assert.Null(chunk.Max);
        Assert.Equal([new MetricPoint(1, 1, 1, 0, true)], MetricChunk.Unpack(1, chunk.Points));
    }

    [Fact]
    public void A_packed_value_of_the_wrong_length_is_refused_naming_its_series()
    {
        var e = Assert.Throws<InvalidDataException>(() => MetricChunk.Unpack(42, new byte[25]));
        Assert.Contains("series 42", e.Message);
    }
}
