namespace Platform.Workers.Numerics;

/// <summary>
/// An exact port of numpy's legacy <c>RandomState</c> (MT19937 with the legacy polar Box-Muller gaussian), spec §1.
/// The notebooks seed the global state with <c>np.random.seed</c>; one instance stands for that global state, so successive
/// calls share one stream (an odd-sized randn leaves a cached gaussian for the next call). Not thread-safe, like numpy's.
/// </summary>
public sealed class NumpyRandom
{
    private const int StateSize = 624;
    private const int ShiftSize = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] state = new uint[StateSize];
    private int index;
    private double? cachedGaussian;

    public NumpyRandom(uint seed) => Seed(seed);

    /// <summary>True when a gaussian from the last pair is waiting to be returned by the next gaussian draw.</summary>
    public bool HasCachedGaussian => cachedGaussian.HasValue;

    /// <summary>The cached gaussian, if any (for tests of the stream position).</summary>
    public double? CachedGaussian => cachedGaussian;

    /// <summary>
    /// np.random.get_state(): the 624-word MT19937 key, the position in it and the cached gaussian, so that a checkpointed
    /// trial continues the exact stream after a restart.
    /// </summary>
    public NumpyRandomState GetState() => new((uint[])state.Clone(), index, cachedGaussian.HasValue, cachedGaussian ?? 0.0);

    /// <summary>np.random.set_state(...): continues the stream exactly where <paramref name="saved"/> was taken.</summary>
    public void SetState(NumpyRandomState saved)
    {
        if (saved.Key.Length != StateSize || saved.Position is < 0 or > StateSize)
        {
            throw new ArgumentException($"an MT19937 state has {StateSize} words and a position in [0, {StateSize}], got {saved.Key.Length} words at {saved.Position}", nameof(saved));
        }

        saved.Key.CopyTo(state, 0);
        index = saved.Position;
        cachedGaussian = saved.HasGauss ? saved.CachedGaussian : null;
    }

    /// <summary>np.random.seed(s): Knuth's initialisation of the 624 words; clears the cached gaussian.</summary>
    public void Seed(uint seed)
    {
        state[0] = seed;
        for (uint i = 1; i < StateSize; i++)
        {
            var previous = state[i - 1];
            state[i] = unchecked(1812433253u * (previous ^ (previous >> 30)) + i);
        }

        index = StateSize;
        cachedGaussian = null;
    }

    /// <summary>The next tempered 32-bit word.</summary>
    public uint NextUInt32()
    {
        if (index == StateSize)
        {
            Twist();
        }

        var y = state[index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    /// <summary>random_sample(): a 53-bit double in [0, 1) from two words.</summary>
    public double NextDouble()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>One standard normal draw (legacy polar method with a one-value cache).</summary>
    public double NextGaussian()
    {
        if (cachedGaussian is { } cached)
        {
            cachedGaussian = null;
            return cached;
        }

        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);

        var f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        cachedGaussian = f * x1;
        return f * x2;
    }

    /// <summary>randn(d0, …, dk): standard normals filling the shape in C order (last index fastest), as a flat array.</summary>
    public double[] Randn(params int[] shape)
    {
        var result = new double[ElementCount(shape)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = NextGaussian();
        }

        return result;
    }

    /// <summary>normal(loc, scale, size) = loc + scale·gauss() in C order.</summary>
    public double[] Normal(double loc, double scale, params int[] shape)
    {
        var result = new double[ElementCount(shape)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = loc + scale * NextGaussian();
        }

        return result;
    }

    /// <summary>uniform(low, high) = low + (high-low)·random_sample().</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>uniform(low, high, size) in C order.</summary>
    public double[] Uniform(double low, double high, params int[] shape)
    {
        var result = new double[ElementCount(shape)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Uniform(low, high);
        }

        return result;
    }

    /// <summary>rand(d0, …, dk): uniform [0, 1) in C order. Does not touch the gaussian cache.</summary>
    public double[] Rand(params int[] shape)
    {
        var result = new double[ElementCount(shape)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = NextDouble();
        }

        return result;
    }

    /// <summary>A uniform integer in [0, max] by masked rejection, numpy's legacy <c>rk_interval</c>.</summary>
    public ulong Interval(ulong max)
    {
        if (max == 0)
        {
            return 0;
        }

        var mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        ulong value;
        if (max <= 0xffffffff)
        {
            while ((value = NextUInt32() & mask) > max)
            {
            }
        }
        else
        {
            while ((value = (((ulong)NextUInt32() << 32) | NextUInt32()) & mask) > max)
            {
            }
        }

        return value;
    }

    /// <summary>shuffle(list) in place: Fisher-Yates from the end, j = interval(i).</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i >= 1; i--)
        {
            var j = (int)Interval((ulong)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>permutation(n) = shuffle(arange(n)).</summary>
    public int[] Permutation(int n)
    {
        var result = Enumerable.Range(0, n).ToArray();
        Shuffle(result);
        return result;
    }

    /// <summary>choice(n, p=p): the first index whose normalised cumulative probability exceeds a uniform draw.</summary>
    public int Choice(IReadOnlyList<double> probabilities)
    {
        var cdf = new double[probabilities.Count];
        var sum = 0.0;
        for (var i = 0; i < cdf.Length; i++)
        {
            sum += probabilities[i];
            cdf[i] = sum;
        }

        var total = cdf[^1];
        for (var i = 0; i < cdf.Length; i++)
        {
            cdf[i] /= total;
        }

        var u = NextDouble();
        for (var i = 0; i < cdf.Length; i++)
        {
            if (cdf[i] > u)
            {
                return i;
            }
        }

        return cdf.Length - 1;
    }

    private void Twist()
    {
        for (var i = 0; i < StateSize; i++)
        {
            var y = (state[i] & UpperMask) | (state[(i + 1) % StateSize] & LowerMask);
            state[i] = state[(i + ShiftSize) % StateSize] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0u);
        }

        index = 0;
    }

    private static int ElementCount(int[] shape)
    {
        var count = 1;
        foreach (var dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension);
            count = checked(count * dimension);
        }

        return count;
    }
}
