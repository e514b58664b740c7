using System.Text;
using Platform.Workers.Numerics;

namespace Platform.Workers.Jobs.Checkpoints;

/// <summary>
/// The content of one checkpoint: the step it was taken after, and named arrays of doubles and integers (model parameters,
/// optimiser state, a random generator's state, counters). A small versioned binary format with an end marker, so a
/// truncated or foreign file is refused instead of resuming from garbage; doubles are stored bit for bit.
/// </summary>
public sealed class CheckpointData(long step)
{
    private const uint Magic = 0x504B4350; // "PCKP"
    private const int Version = 1;
    private const uint EndMarker = 0x444E4550; // "PEND"

    private readonly Dictionary<string, double[]> doubles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long[]> integers = new(StringComparer.Ordinal);

    /// <summary>The last step whose work (and metrics) the checkpoint includes; a resumed job continues after it.</summary>
    public long Step => step;

    public CheckpointData Put(string name, double[] values)
    {
        doubles[name] = (double[])values.Clone();
        return this;
    }

    public CheckpointData Put(string name, long[] values)
    {
        integers[name] = (long[])values.Clone();
        return this;
    }

    public CheckpointData Put(string name, long value) => Put(name, [value]);

    public CheckpointData Put(string name, double value) => Put(name, [value]);

    /// <summary>Stores a numpy generator's exact state under <paramref name="name"/>.</summary>
    public CheckpointData Put(string name, NumpyRandomState random)
    {
        Put(name + ".key", random.Key.Select(k => (long)k).ToArray());
        Put(name + ".position", random.Position);
        Put(name + ".has_gauss", random.HasGauss ? 1 : 0);
        return Put(name + ".gauss", random.CachedGaussian);
    }

    public double[] Doubles(string name) =>
        doubles.TryGetValue(name, out var values) ? values : throw new InvalidDataException($"the checkpoint has no array '{name}'");

    public long[] Integers(string name) =>
        integers.TryGetValue(name, out var values) ? values : throw new InvalidDataException($"the checkpoint has no integers '{name}'");

    public long Integer(string name) => Integers(name)[0];

    public double Double(string name) => Doubles(name)[0];

    public NumpyRandomState Random(string name) => new(
        Integers(name + ".key").Select(k => (uint)k).ToArray(), (int)Integer(name + ".position"), Integer(name + ".has_gauss") == 1, Double(name + ".gauss"));

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(step);
            writer.Write(doubles.Count);
            foreach (var (name, values) in doubles.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                writer.Write(name);
                writer.Write(values.Length);
                foreach (var value in values)
                {
                    writer.Write(value);
                }
            }

            writer.Write(integers.Count);
            foreach (var (name, values) in integers.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                writer.Write(name);
                writer.Write(values.Length);
                foreach (var value in values)
                {
                    writer.Write(value);
                }
            }

            writer.Write(EndMarker);
        }

        return buffer.ToArray();
    }

    public static CheckpointData FromBytes(byte[] content)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(content, writable: false), Encoding.UTF8);
            if (reader.ReadUInt32() != Magic || reader.ReadInt32() is var version && version != Version)
            {
                throw new InvalidDataException("not a platform checkpoint (or one of another version)");
            }

            var data = new CheckpointData(reader.ReadInt64());
            ReadNamedArrays(reader, content.Length, sizeof(double), r => r.ReadDouble(), data.doubles);
            ReadNamedArrays(reader, content.Length, sizeof(long), r => r.ReadInt64(), data.integers);

            return reader.ReadUInt32() == EndMarker ? data : throw new InvalidDataException("the checkpoint has no end marker");
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("the checkpoint is truncated");
        }
    }

    private static void ReadNamedArrays<T>(BinaryReader reader, int contentLength, int elementSize, Func<BinaryReader, T> read,
        Dictionary<string, T[]> into)
    {
        for (int i = 0, count = reader.ReadInt32(); i < count; i++)
        {
            var name = reader.ReadString();
            var values = new T[CheckedLength(reader, contentLength, elementSize)];
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = read(reader);
            }

            into[name] = values;
        }
    }

    private static int CheckedLength(BinaryReader reader, int total, int elementSize)
    {
        var length = reader.ReadInt32();
        return length >= 0 && (long)length * elementSize <= total ? length : throw new InvalidDataException($"the checkpoint holds an array of length {length}");
    }
}
