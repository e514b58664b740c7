using Platform.Workers.Jobs.Checkpoints;
using Platform.Workers.Numerics;

namespace Platform.Workers.Tests.Numerics;

/// <summary>get_state / set_state: a generator restored from a saved state (also through a checkpoint) continues numpy's exact stream.</summary>
public sealed class NumpyRandomStateTests
{
    // np.random.seed(1); np.random.randn(5)
    private static readonly double[] Seed1Randn5 = [1.6243453636632417, -0.6117564136500754, -0.5281717522634557, -1.0729686221561705, 0.8654076293246785];

    [Fact]
    public void State_after_an_odd_randn_holds_numpys_cached_gaussian_and_a_restored_generator_continues_the_stream()
    {
        var random = new NumpyRandom(1);
        Assert.Equal(624, random.GetState().Position); // numpy: get_state()[2] == 624 right after seed
        random.Randn(1);

        var state = random.GetState();
        var restored = new NumpyRandom(12345);
        restored.SetState(state);

        Assert.True(state.HasGauss);
        Assert.Equal(Seed1Randn5[1], state.CachedGaussian);
        Assert.Equal(Seed1Randn5[1..], restored.Randn(4));
        Assert.Equal(Seed1Randn5[1..], random.Randn(4));
        Assert.Equal(random.Randn(7), restored.Randn(7));
    }

    [Fact]
    public void State_survives_a_checkpoint_round_trip_mid_twist()
    {
        var random = new NumpyRandom(3);
        random.Rand(500); // 1000 words: past the first twist, partway through the second
        var checkpoint = CheckpointData.FromBytes(new CheckpointData(7).Put("rng", random.GetState()).ToBytes());

        var restored = new NumpyRandom(0);
        restored.SetState(checkpoint.Random("rng"));

        Assert.Equal(7, checkpoint.Step);
        Assert.Equal(1000 - 624, restored.GetState().Position);
        Assert.Equal(random.Randn(1001), restored.Randn(1001));
    }

    [Fact]
    public void A_state_of_the_wrong_size_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new NumpyRandom(1).SetState(new NumpyRandomState(new uint[3], 0, false, 0)));

        Assert.Contains("624 words", error.Message);
    }
}
