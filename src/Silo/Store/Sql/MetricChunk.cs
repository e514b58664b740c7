using System.Buffers.Binary;
using Platform.Contracts.Tracking;

namespace Platform.Silo.Store.Sql;

/// <summary>
/// A run of consecutive points of one series stored as one <c>metric_chunks</c> row (migration 11): the points packed into one
/// binary value, with the first and last points' keys and the points' count, least and greatest value beside it. A group
/// commit writes each series' appended points as one chunk, so the database stores and indexes a row per series per group
/// instead of a row per point (per-row insert, index and WAL work was most of PostgreSQL's ingest CPU).
/// </summary>
/// <remarks>
/// Packed format: per point, in history order, the step, the timestamp and the value's IEEE 754 bits, each 8 bytes
/// little-endian (NaN kept as NaN: no separate flag). The first and last columns store NaN as 0 plus a flag, as
/// <c>metric_points</c> does, so that their keys sort alike.
/// </remarks>
internal sealed record MetricChunk(long SeriesId, MetricPoint First, MetricPoint Last, double? Min, double? Max, byte[] Points)
{
    public const int PointSize = 24;

    public int Count => Points.Length / PointSize;

    /// <summary>Packs <paramref name="points"/>, all of one series and in history order.</summary>
    public static MetricChunk Pack(ReadOnlySpan<MetricPoint> points)
    {
        var bytes = new byte[points.Length * PointSize];
        double? min = null, max = null;
        var span = bytes.AsSpan();
        foreach (var p in points)
        {
            var value = p.IsNan ? double.NaN : p.Value;
            BinaryPrimitives.WriteInt64LittleEndian(span, p.Step);
            BinaryPrimitives.WriteInt64LittleEndian(span[8..], p.Timestamp);
            BinaryPrimitives.WriteDoubleLittleEndian(span[16..], value);
            span = span[PointSize..];
            if (!p.IsNan)
            {
                // NaN points count but are never the least or greatest value, as in the per-point summaries.
                min = min is { } m && m <= value ? m : value;
                max = max is { } x && x >= value ? x : value;
            }
        }
        return new MetricChunk(points[0].SeriesId, points[0], points[^1], min, max, bytes);
    }

    /// <summary>The points of a stored chunk's packed value.</summary>
    public static MetricPoint[] Unpack(long seriesId, ReadOnlySpan<byte> packed)
    {
        if (packed.Length % PointSize != 0)
            throw new InvalidDataException($"metric chunk of series {seriesId} is {packed.Length} bytes, not a multiple of {PointSize}");
        var points = new MetricPoint[packed.Length / PointSize];
        for (var i = 0; i < points.Length; i++, packed = packed[PointSize..])
        {
            points[i] = MetricPoint.From(seriesId, BinaryPrimitives.ReadInt64LittleEndian(packed),
                BinaryPrimitives.ReadInt64LittleEndian(packed[8..]), BinaryPrimitives.ReadDoubleLittleEndian(packed[16..]));
        }
        return points;
    }
}
