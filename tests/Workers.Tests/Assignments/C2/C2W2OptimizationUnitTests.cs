using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Numerics;

namespace Platform.Workers.Tests.Assignments.C2;

/// <summary>The optimization notebook's unit tests (spec §9), 2017 = 2020 and 2021.</summary>
public sealed class C2W2OptimizationUnitTests
{
    private static readonly double[,] V_dW1 = { { -0.11006192, 0.11447237, 0.09015907 }, { 0.05024943, 0.09008559, -0.06837279 } };

    [Fact]
    public void Update_parameters_with_gd()
    {
        var (parameters, gradients) = Recipe(w2Columns: 3);

        Optimizers.GradientDescent(parameters.AsArrays(), gradients.AsArrays(), 0.01);

        C2TestSupport.Equal(new[,] { { 1.63535156, -0.62320365, -0.53718766 }, { -1.07799357, 0.85639907, -2.29470142 } }, parameters.W[0], "W1");
        C2TestSupport.Equal(new[,] { { -0.88020257 }, { 0.02561572 }, { 0.57539477 } }, parameters.B[1], "b2");
    }

    [Fact]
    public void Random_mini_batches_shuffles_with_the_seed_and_keeps_the_remainder()
    {
        var random = new NumpyRandom(1);
        var x = new Matrix(12288, 148, random.Randn(12288, 148));
        var y = new Matrix(1, 148, random.Randn(1, 148).Select(v => v < 0.5 ? 1.0 : 0.0).ToArray());

        var batches = MiniBatches.Random(x, y, 64, seed: 0);

        Assert.Equal([(12288, 64), (12288, 64), (12288, 20)], batches.Select(b => (b.X.Rows, b.X.Columns)));
        Assert.Equal([(1, 64), (1, 64), (1, 20)], batches.Select(b => (b.Y.Rows, b.Y.Columns)));
        C2TestSupport.Equal(new[,] { { 0.90085595, -0.7612069, 0.2344157 } }, new Matrix(1, 3, batches[0].X.Data[..3]), "batch 0 X[0, :3]");
    }

    [Fact]
    public void Update_parameters_with_momentum()
    {
        var (parameters, gradients) = Recipe(w2Columns: 3);
        var v = parameters.ZerosLike();

        Optimizers.Momentum(parameters.AsArrays(), gradients.AsArrays(), v.AsArrays(), beta: 0.9, learningRate: 0.01);

        C2TestSupport.Equal(new[,] { { 1.62544598, -0.61290114, -0.52907334 }, { -1.07347112, 0.86450677, -2.30085497 } }, parameters.W[0], "W1");
        C2TestSupport.Equal(new[,] { { -0.87809283 }, { 0.04055394 }, { 0.58207317 } }, parameters.B[1], "b2");
        C2TestSupport.Equal(V_dW1, v.W[0], "v dW1");
        C2TestSupport.Equal(new[,] { { 0.02344157 }, { 0.16598022 }, { 0.07420442 } }, v.B[1], "v db2");
    }

    [Fact]
    public void Update_parameters_with_adam()
    {
        var (parameters, gradients) = Recipe(w2Columns: 3);
        var (v, s) = (parameters.ZerosLike(), parameters.ZerosLike());

        Optimizers.Adam(parameters.AsArrays(), gradients.AsArrays(), v.AsArrays(), s.AsArrays(), t: 2, learningRate: 0.01);

        C2TestSupport.Equal(new[,] { { 1.63178673, -0.61919778, -0.53561312 }, { -1.08040999, 0.85796626, -2.29409733 } }, parameters.W[0], "W1");
        C2TestSupport.Equal(new[,] { { 1.75225313 }, { -0.75376553 } }, parameters.B[0], "b1");
        C2TestSupport.Equal(new[,] { { -0.88529978 }, { 0.03477238 }, { 0.57537385 } }, parameters.B[1], "b2");
        C2TestSupport.Equal(V_dW1, v.W[0], "v dW1");
        C2TestSupport.Equal(new[,] { { 0.00121136, 0.00131039, 0.00081287 }, { 0.0002525, 0.00081154, 0.00046748 } }, s.W[0], "s dW1");
        C2TestSupport.Equal(new[,] { { 1.51020075e-05 }, { 8.75664434e-04 } }, s.B[0], "s db1");
    }

    [Fact]
    public void Update_parameters_with_adam_2021()
    {
        var (parameters, gradients) = Recipe(w2Columns: 2);
        var (v, s) = (parameters.ZerosLike(), parameters.ZerosLike());

        Optimizers.Adam(parameters.AsArrays(), gradients.AsArrays(), v.AsArrays(), s.AsArrays(), t: 2, learningRate: 0.02, beta1: 0.8, beta2: 0.888, epsilon: 1e-2);

        C2TestSupport.Equal(new[,] { { 1.63937725, -0.62327448, -0.54308727 }, { -1.0578897, 0.85032154, -2.31657668 } }, parameters.W[0], "W1");
        C2TestSupport.Equal(new[,] { { 0.33400549, -0.23563857 }, { 1.47715417, -2.04561842 }, { -0.33729882, -0.36908457 } }, parameters.W[1], "W2");
        C2TestSupport.Equal(new[,] { { 1.72995096 }, { -0.7762447 } }, parameters.B[0], "b1");
        C2TestSupport.Equal(new[,] { { 1.14852557 }, { -1.08492339 }, { -0.15740527 } }, parameters.B[1], "b2");
    }

    [Fact]
    public void Learning_rate_decay_schedules()
    {
        Assert.Equal(0.16666666666666666, LearningRateDecay.Update(0.5, 2, 1), 1e-16);
        Assert.Equal(0.5, LearningRateDecay.Schedule(0.5, 10, 0.3, 100));
        Assert.Equal(0.3846153846153846, LearningRateDecay.Schedule(0.5, 100, 0.3, 100), 1e-16);
    }

    /// <summary>seed 1; W1 (2,3), b1 (2,1), W2 (3,c), b2 (3,1), then the gradients with the same shapes.</summary>
    private static (ParameterSet Parameters, ParameterSet Gradients) Recipe(int w2Columns)
    {
        var random = new NumpyRandom(1);
        ParameterSet Draw()
        {
            var w1 = new Matrix(2, 3, random.Randn(2, 3));
            var b1 = new Matrix(2, 1, random.Randn(2, 1));
            var w2 = new Matrix(3, w2Columns, random.Randn(3, w2Columns));
            var b2 = new Matrix(3, 1, random.Randn(3, 1));
            return new ParameterSet([w1, w2], [b1, b2]);
        }

        var parameters = Draw();
        return (parameters, Draw());
    }
}
