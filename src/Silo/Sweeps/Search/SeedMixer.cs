namespace Platform.Silo.Sweeps.Search;

/// <summary>
/// Derives one independent seed per suggestion from the sweep's seed, so suggestion <c>i</c> can be recomputed alone
/// (no generator state to persist). Uses SplitMix64's finalizer (Steele et al. 2014), a well-mixing bijection.
/// </summary>
public static class SeedMixer
{
    public static int Mix(int seed, int index)
    {
        var z = unchecked(((ulong)(uint)seed << 32) ^ (uint)index) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return unchecked((int)z);
    }

    /// <summary>
    /// The generator for one suggestion. <see cref="Random(int)"/> with a seed is the legacy subtractive generator whose
    /// sequence .NET keeps stable across versions, which is what makes sweeps reproducible.
    /// </summary>
    public static Random For(int seed, int index) => new(Mix(seed, index));
}
