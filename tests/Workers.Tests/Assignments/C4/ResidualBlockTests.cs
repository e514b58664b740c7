using Platform.Workers.Assignments.C4W2ResNet50;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Tests.Assignments.C4;

/// <summary>Spec §14's constant-kernel block tests (EXACT, 1e-3 in float32).</summary>
public sealed class ResidualBlockTests
{
    private const double Tolerance = 1e-3;

    // Held in a field: an implicit Scalar could be finalized mid-call (see SafeScalarOps).
    private static readonly Scalar One = 1.ToScalar();

    [Fact]
    public void Identity_block_in_inference_mode_matches_the_spec()
    {
        var means = ChannelMeansOfRows0And3(filters: [4, 4, 3], training: false);

        AssertClose(new float[2, 4], means[0]);
        AssertClose(new[,] { { 192.71236f, 192.71236f, 192.71236f, 96.85618f }, { 96.85618f, 96.85618f, 96.85618f, 48.92809f } }, means[1]);
        AssertClose(new[,] { { 578.1371f, 578.1371f, 578.1371f, 290.5685f }, { 290.5685f, 290.5685f, 290.5685f, 146.7843f } }, means[2]);
    }

    [Fact]
    public void Identity_block_in_training_mode_uses_biased_batch_statistics()
    {
        var means = ChannelMeansOfRows0And3(filters: [3, 3, 3], training: true);

        AssertClose(new float[2, 4], means[0]);
        AssertClose(new[,] { { 0.40739f, 0.40739f, 0.40739f, 0.40739f }, { 0.40739f, 0.40739f, 0.40739f, 0.40739f } }, means[1]);
        AssertClose(new[,] { { 4.99991f, 4.99991f, 4.99991f, 3.25948f }, { 3.25948f, 3.25948f, 3.25948f, 2.40739f } }, means[2]);
    }

    // The 2021 notebook builds its blocks with training=True baked in: in eval mode they still normalise with the batch's
    // statistics, giving the training-mode numbers, not the moving-statistics ones.
    [Fact]
    public void Identity_block_with_batch_statistics_always_gives_the_training_numbers_in_eval_mode()
    {
        var means = ChannelMeansOfRows0And3(filters: [3, 3, 3], training: false, BlockBatchNorm.AlwaysBatchStatistics);

        AssertClose(new float[2, 4], means[0]);
        AssertClose(new[,] { { 0.40739f, 0.40739f, 0.40739f, 0.40739f }, { 0.40739f, 0.40739f, 0.40739f, 0.40739f } }, means[1]);
        AssertClose(new[,] { { 4.99991f, 4.99991f, 4.99991f, 3.25948f }, { 3.25948f, 3.25948f, 3.25948f, 2.40739f } }, means[2]);
    }

    [Fact]
    public void Convolutional_block_with_batch_statistics_always_ignores_the_moving_statistics_in_eval_mode()
    {
        TorchRuntime.EnsureInitialized();
        using var scope = NewDisposeScope();
        using var follows = ResidualBlock.Convolutional(3, 2, [2, 4, 6], s: 2);
        using var always = ResidualBlock.Convolutional(3, 2, [2, 4, 6], s: 2, BlockBatchNorm.AlwaysBatchStatistics);
        always.load_state_dict(follows.state_dict());
        using var noGrad = no_grad();
        var x = torch.randn(5, 3, 4, 4);

        follows.train();
        var trainingMode = follows.forward(x);
        always.eval();
        var evalMode = always.forward(x);
        follows.eval();
        var movingStatistics = follows.forward(x);

        Assert.True(evalMode.allclose(trainingMode, rtol: 1e-5, atol: 1e-6));
        Assert.False(evalMode.allclose(movingStatistics, rtol: 1e-3, atol: 1e-3));
    }

    [Fact]
    public void Convolutional_block_projects_the_shortcut_and_strides()
    {
        TorchRuntime.EnsureInitialized();
        using var block = ResidualBlock.Convolutional(3, 2, [2, 4, 6], s: 2);
        using var x = torch.randn(3, 3, 4, 4);

        using var y = block.forward(x);

        Assert.Equal([3L, 6, 2, 2], y.shape);
        Assert.Contains(block.named_parameters(), p => p.name == "downsample.0.weight" && p.parameter.shape.SequenceEqual([6L, 3, 1, 1]));
        Assert.True(y.min().item<float>() >= 0); // the block ends in a ReLU
    }

    /// <summary>
    /// X = three (4,4,3) images filled with -1, 1 and 3; every kernel 1, biases 0, BN γ 1, β 0 (and moving mean 0,
    /// variance 1), ε 0.001; f = 2. Returns, per image, the channel mean of output rows 0 and 3 (2×4).
    /// </summary>
    private static float[][,] ChannelMeansOfRows0And3(long[] filters, bool training, BlockBatchNorm batchNorm = BlockBatchNorm.FollowModelMode)
    {
        TorchRuntime.EnsureInitialized();
        using var scope = NewDisposeScope();
        using var block = ResidualBlock.Identity(2, filters, batchNorm);
        using (no_grad())
        {
            foreach (var (name, parameter) in block.named_parameters())
            {
                if (name.StartsWith("conv", StringComparison.Ordinal))
                {
                    _ = name.EndsWith("weight", StringComparison.Ordinal) ? parameter.fill_(One) : parameter.zero_();
                }
            }
        }

        if (training)
        {
            block.train();
        }
        else
        {
            block.eval();
        }

        var x = tensor(new float[] { -1, 1, 3 }).reshape(3, 1, 1, 1).expand(3, 3, 4, 4).contiguous(); // NCHW
        using var noGrad = no_grad();
        var means = block.forward(x).mean([1]).index_select(1, tensor(new long[] { 0, 3 }));
        return Enumerable.Range(0, 3).Select(i =>
        {
            var values = means[i].data<float>().ToArray();
            var grid = new float[2, 4];
            Buffer.BlockCopy(values, 0, grid, 0, values.Length * sizeof(float));
            return grid;
        }).ToArray();
    }

    private static void AssertClose(float[,] expected, float[,] actual)
    {
        for (var r = 0; r < 2; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                Assert.True(Math.Abs(expected[r, c] - actual[r, c]) <= Tolerance, $"[{r},{c}]: expected {expected[r, c]}, got {actual[r, c]}");
            }
        }
    }
}
