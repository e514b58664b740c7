using Platform.Workers.Assignments.C2W3SignsMlp;
using Platform.Workers.Tests.Support;

namespace Platform.Workers.Tests.Assignments.C2;

public sealed class TensorFlowRandomTests
{
    // Random123's published known answers for Philox4x32-10 (its kat_vectors), which TensorFlow's generator reproduces.
    [Theory]
    [InlineData(0u, 0u, 0u, 0u, 0u, 0u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Philox_matches_random123s_known_answers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint r0, uint r1, uint r2, uint r3)
    {
        Assert.Equal((r0, r1, r2, r3), TensorFlowRandom.Philox4x32x10((c0, c1, c2, c3), (k0, k1)));
    }

    // The 2017 ConvNet notebook (c4w1, TF1): tf.set_random_seed(1), then W1 [4,4,3,8] and W2 [2,2,8,16] with
    // xavier_initializer(seed = 0); its Expected Output prints W1[1,1,1] and W2[1,1,1].
    [Fact]
    public void Xavier_uniform_draws_the_2017_convnet_notebooks_printed_weights()
    {
        var w1 = TensorFlowRandom.XavierUniform([4, 4, 3, 8], seed: 1, seed2: 0);
        var w2 = TensorFlowRandom.XavierUniform([2, 2, 8, 16], seed: 1, seed2: 0);

        Expect.Printed([0.00131723, 0.14176141, -0.04434952, 0.09197326, 0.14984085, -0.03514394, -0.06847463, 0.05245192],
            w1.Skip(((1 * 4 + 1) * 3 + 1) * 8).Take(8).Select(v => (double)v).ToArray());
        Expect.Printed([-0.08566415, 0.17750949, 0.11974221, 0.16773748, -0.0830943, -0.08058, -0.00577033, -0.14643836,
                0.24162132, -0.05857408, -0.19055021, 0.1345228, -0.22779644, -0.1601823, -0.16117483, -0.10286498],
            w2.Skip(((1 * 2 + 1) * 8 + 1) * 16).Take(16).Select(v => (double)v).ToArray());
    }

    [Fact]
    public void Xavier_uniform_stays_within_the_glorot_limit_and_fills_a_partial_last_group()
    {
        var values = TensorFlowRandom.XavierUniform([6, 12], seed: 1, seed2: 1); // 72 values: 18 whole groups
        var odd = TensorFlowRandom.Uniform(7, seed: 1, seed2: 1); // a group and 3 of the next

        var limit = Math.Sqrt(6.0 / 18);
        Assert.All(values, v => Assert.InRange(v, -limit, limit));
        Assert.Equal(TensorFlowRandom.Uniform(8, 1, 1).Take(7), odd);
    }
}
