namespace Platform.Workers.Assignments.C2W3SignsMlp;

/// <summary>
/// TensorFlow 1's <c>tf.random_uniform</c> on the CPU (the stateful RandomUniform op), so that
/// <c>tf.contrib.layers.xavier_initializer(seed)</c> draws the 2017 notebooks' exact weights. The op seeds a
/// Philox4x32-10 generator with key = graph seed and counter = (0, 0, op seed): <c>tf.set_random_seed(g)</c> with an
/// initializer's <c>seed = s</c> gives (g, s). Each 128-bit output fills four consecutive float32 values in row-major
/// order, each from a uint32's low 23 bits as a mantissa in [1, 2) minus 1. Every variable's initializer op has its own
/// generator, so variables with the same seeds start from the same stream.
/// Checked against Random123's known answers and the 2017 ConvNet notebook's printed Xavier weights (tests).
/// </summary>
public static class TensorFlowRandom
{
    private const uint MultiplierA = 0xD2511F53;
    private const uint MultiplierB = 0xCD9E8D57;
    private const uint KeyIncrementA = 0x9E3779B9;
    private const uint KeyIncrementB = 0xBB67AE85;

    /// <summary>One Philox4x32-10 block: ten rounds, the key raised between rounds.</summary>
    public static (uint, uint, uint, uint) Philox4x32x10((uint, uint, uint, uint) counter, (uint, uint) key)
    {
        var (c0, c1, c2, c3) = counter;
        var (k0, k1) = key;
        for (var round = 0; round < 10; round++)
        {
            if (round > 0)
            {
                k0 += KeyIncrementA;
                k1 += KeyIncrementB;
            }

            var product0 = (ulong)MultiplierA * c0;
            var product1 = (ulong)MultiplierB * c2;
            (c0, c1, c2, c3) = ((uint)(product1 >> 32) ^ c1 ^ k0, (uint)product1, (uint)(product0 >> 32) ^ c3 ^ k1, (uint)product0);
        }

        return (c0, c1, c2, c3);
    }

    /// <summary><c>gen_random_ops.random_uniform(shape, float32, seed, seed2)</c>: <paramref name="count"/> values in [0, 1).</summary>
    public static float[] Uniform(int count, long seed, long seed2)
    {
        var values = new float[count];
        var key = ((uint)seed, (uint)((ulong)seed >> 32));
        for (var group = 0; group * 4 < count; group++)
        {
            var (r0, r1, r2, r3) = Philox4x32x10(((uint)group, 0, (uint)seed2, (uint)((ulong)seed2 >> 32)), key);
            ReadOnlySpan<uint> block = [r0, r1, r2, r3];
            for (var i = 0; i < 4 && group * 4 + i < count; i++)
            {
                values[group * 4 + i] = BitConverter.UInt32BitsToSingle((127u << 23) | (block[i] & 0x7fffffu)) - 1f;
            }
        }

        return values;
    }

    /// <summary>
    /// <c>xavier_initializer(uniform=True)</c> = variance scaling with factor 1 over the average fan: fan_in = shape[-2],
    /// fan_out = shape[-1], both times the leading (receptive field) dimensions; limit = √(3/((fan_in + fan_out)/2)) in
    /// float64, then in float32 as <c>random_uniform</c> computes it: u·(max − min) + min. Row-major values.
    /// </summary>
    public static float[] XavierUniform(IReadOnlyList<int> shape, long seed, long seed2)
    {
        double fanIn = shape.Count > 1 ? shape[^2] : shape[^1], fanOut = shape[^1];
        foreach (var dimension in shape.Take(shape.Count - 2))
        {
            fanIn *= dimension;
            fanOut *= dimension;
        }

        var limit = Math.Sqrt(3.0 / ((fanIn + fanOut) / 2.0));
        float min = (float)-limit, max = (float)limit, range = max - min;
        var values = Uniform(shape.Aggregate(1, (product, dimension) => product * dimension), seed, seed2);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = values[i] * range + min;
        }

        return values;
    }
}
