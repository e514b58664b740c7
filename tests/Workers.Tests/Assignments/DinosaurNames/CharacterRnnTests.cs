using Platform.Workers.Assignments.C5W1DinosaurNames;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Support;

namespace Platform.Workers.Tests.Assignments.DinosaurNames;

/// <summary>The dinosaur notebook's EXACT unit tests (spec §18): clip, sample and optimize, with their seeded inputs.</summary>
public sealed class CharacterRnnTests
{
    private const int Vocab = 27;
    private const int NewlineIndex = 0;

    [Theory]
    [InlineData(10, 10.0, -10.0, 0.29713815361, 10.0, 8.45833407)]
    [InlineData(5, 5.0, -5.0, 0.29713815361, 5.0, 5.0)] // 2020
    public void Clip_bounds_every_gradient(double maxValue, double dWaa12, double dWax31, double dWya12, double db4, double dby1)
    {
        var r = new NumpyRandom(3);
        double[] Times10(params int[] shape) => r.Randn(shape).Select(v => v * 10).ToArray();
        var (dWax, dWaa, dWya, db, dby) = (Times10(5, 3), Times10(5, 5), Times10(2, 5), Times10(5, 1), Times10(2, 1));
        var gradients = new CharacterRnnGradients(dWax, dWaa, dWya, db, dby);

        gradients.Clip(maxValue);

        Expect.Printed([dWaa12, dWax31, dWya12, db4, dby1], [dWaa[1 * 5 + 2], dWax[3 * 3 + 1], dWya[1 * 5 + 2], db[4], dby[1]]);
        Assert.All(new[] { dWax, dWaa, dWya, db, dby }.SelectMany(g => g), v => Assert.InRange(v, -maxValue, maxValue));
    }

    [Fact]
    public void Clip_refuses_a_non_positive_bound()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CharacterRnnGradients.Zeros(2, 3).Clip(0));
        Assert.Equal("maxValue", e.ParamName);
    }

    [Fact]
    public void Sample_draws_the_notebooks_first_44_characters()
    {
        var r = new NumpyRandom(2);
        var (nA, wax, waa, wya) = (100, r.Randn(100, Vocab), r.Randn(100, 100), r.Randn(Vocab, 100));
        var (b, by) = (r.Randn(100, 1), r.Randn(Vocab, 1));
        var rnn = new CharacterRnn(nA, Vocab, wax, waa, wya, b, by);

        var indices = rnn.Sample(NewlineIndex, seed: 0);

        // From index 44 on the chaotic random-weight RNN depends on summation order; the spec accepts any tail.
        int[] expected = [12, 17, 24, 14, 13, 9, 10, 22, 24, 6, 13, 11, 12, 6, 21, 15, 21, 14, 3, 2, 1, 21, 18, 24, 7, 25, 6, 25, 18, 10, 16, 2,
            3, 8, 15, 12, 11, 7, 1, 12, 10, 2, 7, 7];
        Assert.Equal(expected, indices.Take(44));
        Assert.Equal(NewlineIndex, indices[^1]);
        Assert.InRange(indices.Count, 45, 51);
    }

    [Fact]
    public void Optimize_reproduces_the_notebooks_loss_gradients_and_state()
    {
        var r = new NumpyRandom(1);
        var aPrev = r.Randn(100, 1);
        var (wax, waa, wya) = (r.Randn(100, Vocab), r.Randn(100, 100), r.Randn(Vocab, 100));
        var (b, by) = (r.Randn(100, 1), r.Randn(Vocab, 1));
        var rnn = new CharacterRnn(100, Vocab, wax, waa, wya, b, by);
        int[] x = [12, 3, 5, 11, 22, 3];
        int[] y = [4, 14, 11, 22, 25, 26];

        var (loss, g, aLast) = rnn.Optimize(x, y, aPrev, learningRate: 0.01, maxValue: 5);

        Expect.Printed(126.503975722, loss, what: "loss");
        Expect.Printed(0.194709315347, g.DWaa[1 * 100 + 2], what: "dWaa[1][2]");
        Assert.Equal(93, Array.IndexOf(g.DWax, g.DWax.Max())); // the first maximum in row-major order, after clipping
        Expect.Printed(-0.007773876032, g.DWya[1 * 100 + 2], what: "dWya[1][2]");
        Expect.Printed(-0.06809825, g.Db[4], what: "db[4]");
        Expect.Printed(0.01538192, g.Dby[1], what: "dby[1]");
        Expect.Printed(-1.0, aLast[4], what: "a_last[4]");
    }

    [Fact]
    public void Optimize_steps_the_parameters_against_the_clipped_gradients()
    {
        var r = new NumpyRandom(4);
        var rnn = new CharacterRnn(3, Vocab, r.Randn(3, Vocab), r.Randn(3, 3), r.Randn(Vocab, 3), r.Randn(3, 1), r.Randn(Vocab, 1));
        var before = (double[])rnn.Waa.Clone();

        var (_, g, _) = rnn.Optimize([CharacterRnn.NoInput, 1, 2], [1, 2, NewlineIndex], new double[3], learningRate: 0.5, maxValue: 0.1);

        for (var i = 0; i < before.Length; i++)
        {
            Assert.InRange(g.DWaa[i], -0.1, 0.1);
            Assert.Equal(before[i] - 0.5 * g.DWaa[i], rnn.Waa[i], 1e-15);
        }
    }

    [Theory]
    [InlineData("Wax")]
    [InlineData("Waa")]
    [InlineData("Wya")]
    [InlineData("b")]
    [InlineData("by")]
    public void Backward_passes_a_two_sided_gradient_check_of_the_loss(string parameter)
    {
        var r = new NumpyRandom(5);
        const int nA = 4;
        var rnn = new CharacterRnn(nA, Vocab, r.Randn(nA, Vocab), r.Randn(nA, nA), r.Randn(Vocab, nA), r.Randn(nA, 1), r.Randn(Vocab, 1));
        int[] x = [CharacterRnn.NoInput, 5, 9, 1];
        int[] y = [5, 9, 1, NewlineIndex];
        var aPrev = r.Randn(nA, 1);
        var g = rnn.Backward(rnn.Forward(x, y, aPrev));
        var (theta, gradient) = parameter switch
        {
            "Wax" => (rnn.Wax, g.DWax),
            "Waa" => (rnn.Waa, g.DWaa),
            "Wya" => (rnn.Wya, g.DWya),
            "b" => (rnn.B, g.Db),
            _ => (rnn.By, g.Dby),
        };

        double Loss(double[] values)
        {
            var p = (Wax: rnn.Wax, Waa: rnn.Waa, Wya: rnn.Wya, B: rnn.B, By: rnn.By);
            p = parameter switch
            {
                "Wax" => p with { Wax = values },
                "Waa" => p with { Waa = values },
                "Wya" => p with { Wya = values },
                "b" => p with { B = values },
                _ => p with { By = values },
            };
            return new CharacterRnn(nA, Vocab, p.Wax, p.Waa, p.Wya, p.B, p.By).Forward(x, y, aPrev).Loss;
        }

        var difference = GradientCheck.Difference(Loss, theta, gradient, 1e-6);

        Assert.True(difference < 1e-7, $"{parameter}: difference {difference}");
    }
}
