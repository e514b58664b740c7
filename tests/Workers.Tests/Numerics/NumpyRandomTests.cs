using Platform.Workers.Numerics;

namespace Platform.Workers.Tests.Numerics;

/// <summary>Spec §1 reference values, compared exactly.</summary>
public sealed class NumpyRandomTests
{
    [Fact]
    public void Seed_1_randn_5_gives_numpys_values()
    {
        Assert.Equal([1.6243453636632417, -0.6117564136500754, -0.5281717522634557, -1.0729686221561705, 0.8654076293246785], new NumpyRandom(1).Randn(5));
    }

    [Fact]
    public void Seed_3_randn_3_gives_numpys_values()
    {
        Assert.Equal([1.7886284734303186, 0.43650985051198943, 0.09649746807200862], new NumpyRandom(3).Randn(3));
    }

    [Fact]
    public void Seed_0_gives_numpys_first_three_words()
    {
        var random = new NumpyRandom(0);

        Assert.Equal([2357136044u, 2546248239u, 3071714933u], new[] { random.NextUInt32(), random.NextUInt32(), random.NextUInt32() });
    }

    [Fact]
    public void Seed_0_rand_3_gives_numpys_values()
    {
        Assert.Equal([0.5488135039273248, 0.7151893663724195, 0.6027633760716439], new NumpyRandom(0).Rand(3));
    }

    [Fact]
    public void Seed_1_rand_5_gives_numpys_values()
    {
        Assert.Equal([0.417022004702574, 0.7203244934421581, 0.00011437481734488664, 0.30233257263183977, 0.14675589081711304], new NumpyRandom(1).Rand(5));
    }

    [Fact]
    public void Seed_0_permutation_10_gives_numpys_order()
    {
        Assert.Equal([2, 8, 4, 9, 1, 6, 7, 3, 0, 5], new NumpyRandom(0).Permutation(10));
    }

    [Fact]
    public void Seed_11_permutation_300_starts_as_numpys()
    {
        Assert.Equal([174, 113, 86, 239, 12, 252], new NumpyRandom(11).Permutation(300).Take(6));
    }

    [Fact]
    public void An_odd_sized_randn_leaves_the_next_gaussian_cached_for_the_following_call()
    {
        var random = new NumpyRandom(1);

        random.Randn(3);

        Assert.Equal(-1.0729686221561705, random.CachedGaussian);
        Assert.Equal([-1.0729686221561705, 0.8654076293246785], random.Randn(2));
        Assert.True(random.HasCachedGaussian); // the 5th value came from a fresh pair whose other half is now cached
    }

    [Fact]
    public void Reseeding_clears_the_cached_gaussian_and_restarts_the_stream()
    {
        var random = new NumpyRandom(1);
        random.Randn(3);

        random.Seed(1);

        Assert.False(random.HasCachedGaussian);
        Assert.Equal(1.6243453636632417, random.NextGaussian());
    }

    [Fact]
    public void Rand_and_uniform_leave_the_gaussian_cache_alone()
    {
        var random = new NumpyRandom(1);
        random.Randn(1);

        random.Rand(4);
        random.Uniform(-1, 1);

        Assert.Equal(-0.6117564136500754, random.NextGaussian());
    }

    [Fact]
    public void Normal_and_uniform_are_affine_maps_of_the_same_draws()
    {
        var gaussians = new NumpyRandom(1).Randn(2, 2);
        var uniforms = new NumpyRandom(0).Rand(3);

        Assert.Equal(gaussians.Select(g => 5 + 2 * g), new NumpyRandom(1).Normal(5, 2, 2, 2));
        Assert.Equal(uniforms.Select(u => -3 + 4 * u), new NumpyRandom(0).Uniform(-3, 1, 3));
    }

    [Fact]
    public void Interval_of_zero_draws_nothing_and_stays_within_bounds_otherwise()
    {
        var random = new NumpyRandom(5);
        var reference = new NumpyRandom(5);

        Assert.Equal(0ul, random.Interval(0));
        Assert.Equal(reference.NextUInt32(), random.NextUInt32());
        Assert.All(Enumerable.Range(0, 1000).Select(_ => random.Interval(6)), v => Assert.InRange(v, 0ul, 6ul));
    }

    [Fact]
    public void Choice_returns_the_first_index_whose_cumulative_probability_exceeds_the_draw()
    {
        var u = new NumpyRandom(0).NextDouble(); // 0.5488…

        Assert.Equal(u < 0.5 ? 0 : u < 0.75 ? 1 : 2, new NumpyRandom(0).Choice([0.5, 0.25, 0.25]));
        Assert.Equal(1, new NumpyRandom(0).Choice([0.0, 2.0, 0.0])); // unnormalised weights are normalised
    }
}
