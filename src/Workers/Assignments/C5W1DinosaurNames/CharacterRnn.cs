using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C5W1DinosaurNames;

/// <summary>
/// The dinosaur notebook's character-level RNN in float64 (spec §18): a_t = tanh(Wax·x_t + Waa·a_{t-1} + b),
/// ŷ_t = softmax(Wya·a_t + by), x_t one-hot. Plain arrays rather than tensors: a name is a few dozen matrix-vector products
/// of size 50, where a tensor library's per-call overhead would dominate 35,000 training steps. Matrices are row-major.
/// Products are summed left to right without fused multiply-add: the spec's sample test (a chaotic random-weight RNN) draws the
/// notebook's first 44 characters that way, where a SIMD dot product already parts from it at the 44th.
/// </summary>
public sealed class CharacterRnn
{
    /// <summary>The notebook's <c>None</c> in X: an all-zero input vector.</summary>
    public const int NoInput = -1;

    public CharacterRnn(int nA, int vocabSize, double[] wax, double[] waa, double[] wya, double[] b, double[] by)
    {
        (HiddenSize, VocabSize) = (nA, vocabSize);
        Require(wax, nA * vocabSize, "Wax");
        Require(waa, nA * nA, "Waa");
        Require(wya, vocabSize * nA, "Wya");
        Require(b, nA, "b");
        Require(by, vocabSize, "by");
        (Wax, Waa, Wya, B, By) = (wax, waa, wya, b, by);
    }

    public int HiddenSize { get; }

    public int VocabSize { get; }

    /// <summary>(n_a, vocab_size).</summary>
    public double[] Wax { get; }

    /// <summary>(n_a, n_a).</summary>
    public double[] Waa { get; }

    /// <summary>(vocab_size, n_a).</summary>
    public double[] Wya { get; }

    public double[] B { get; }

    public double[] By { get; }

    /// <summary>initialize_parameters: seed(1); Wax, Waa, Wya = randn·0.01 in that order; biases 0.</summary>
    public static CharacterRnn Initialize(int nA, int vocabSize)
    {
        var random = new NumpyRandom(1);
        double[] Small(int rows, int columns) => random.Randn(rows, columns).Select(v => v * 0.01).ToArray();
        var (wax, waa, wya) = (Small(nA, vocabSize), Small(nA, nA), Small(vocabSize, nA));
        return new CharacterRnn(nA, vocabSize, wax, waa, wya, new double[nA], new double[vocabSize]);
    }

    /// <summary>One step: a = tanh(Wax·x + Waa·a_prev + b) with x the one-hot of <paramref name="input"/> (or zeros), and ŷ.</summary>
    public (double[] A, double[] YHat) Step(int input, ReadOnlySpan<double> aPrev)
    {
        var a = new double[HiddenSize];
        for (var i = 0; i < a.Length; i++)
        {
            // Wax·x for a one-hot x is Wax's column: every other product is an exact zero.
            var wx = input == NoInput ? 0.0 : Wax[i * VocabSize + input];
            a[i] = Math.Tanh(wx + Dot(Waa.AsSpan(i * HiddenSize, HiddenSize), aPrev) + B[i]);
        }

        var z = new double[VocabSize];
        for (var k = 0; k < z.Length; k++)
        {
            z[k] = Dot(Wya.AsSpan(k * HiddenSize, HiddenSize), a) + By[k];
        }

        return (a, Softmax(z));
    }

    /// <summary>e^(z − max z) / Σ e^(z − max z), the sum taken as numpy's np.sum takes it.</summary>
    public static double[] Softmax(double[] z)
    {
        var max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        var sum = NumpySum.Pairwise(e);
        return e.Select(v => v / sum).ToArray();
    }

    /// <summary>rnn_forward over one name: loss = Σ_t −ln ŷ_t[Y[t]]; <see cref="ForwardPass.A"/>[0] is a_prev.</summary>
    public ForwardPass Forward(IReadOnlyList<int> x, IReadOnlyList<int> y, double[] aPrev)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"X has {x.Count} entries but Y has {y.Count}");
        }

        var a = new double[x.Count + 1][];
        var yHat = new double[x.Count][];
        a[0] = aPrev;
        var loss = 0.0;
        for (var t = 0; t < x.Count; t++)
        {
            (a[t + 1], yHat[t]) = Step(x[t], a[t]);
            loss -= Math.Log(yHat[t][y[t]]);
        }

        return new ForwardPass(loss, x, y, a, yHat);
    }

    /// <summary>rnn_backward: back through time from the last character, da_next starting at 0.</summary>
    public CharacterRnnGradients Backward(ForwardPass pass)
    {
        var (nA, vocab) = (HiddenSize, VocabSize);
        var g = CharacterRnnGradients.Zeros(nA, vocab);
        var daNext = new double[nA];
        var da = new double[nA];
        var daRaw = new double[nA];
        for (var t = pass.X.Count - 1; t >= 0; t--)
        {
            var (a, aPrev) = (pass.A[t + 1], pass.A[t]);
            var dy = (double[])pass.YHat[t].Clone();
            dy[pass.Y[t]] -= 1;

            // dWya += dy·aᵀ; dby += dy; da = Wyaᵀ·dy + da_next.
            Array.Copy(daNext, da, nA);
            for (var k = 0; k < vocab; k++)
            {
                var row = k * nA;
                for (var j = 0; j < nA; j++)
                {
                    g.DWya[row + j] += dy[k] * a[j];
                    da[j] += Wya[row + j] * dy[k];
                }

                g.Dby[k] += dy[k];
            }

            // daraw = (1 − a²)⊙da; db += daraw; dWax += daraw·xᵀ; dWaa += daraw·a_prevᵀ; da_next = Waaᵀ·daraw.
            Array.Clear(daNext);
            for (var i = 0; i < nA; i++)
            {
                daRaw[i] = (1 - a[i] * a[i]) * da[i];
                g.Db[i] += daRaw[i];
                if (pass.X[t] != NoInput)
                {
                    g.DWax[i * vocab + pass.X[t]] += daRaw[i];
                }

                var row = i * nA;
                for (var j = 0; j < nA; j++)
                {
                    g.DWaa[row + j] += daRaw[i] * aPrev[j];
                    daNext[j] += Waa[row + j] * daRaw[i];
                }
            }
        }

        return g;
    }

    /// <summary>update_parameters: p ← p − learning_rate·dp.</summary>
    public void Update(CharacterRnnGradients g, double learningRate)
    {
        Subtract(Wax, g.DWax, learningRate);
        Subtract(Waa, g.DWaa, learningRate);
        Subtract(Wya, g.DWya, learningRate);
        Subtract(B, g.Db, learningRate);
        Subtract(By, g.Dby, learningRate);
    }

    /// <summary>
    /// optimize: forward, backward, clip to [-maxValue, maxValue], gradient step. Returns the loss, the clipped gradients and
    /// the hidden state after the last character (the next name starts from it).
    /// </summary>
    public (double Loss, CharacterRnnGradients Gradients, double[] ALast) Optimize(
        IReadOnlyList<int> x, IReadOnlyList<int> y, double[] aPrev, double learningRate, double maxValue)
    {
        var pass = Forward(x, y, aPrev);
        var gradients = Backward(pass);
        gradients.Clip(maxValue);
        Update(gradients, learningRate);
        return (pass.Loss, gradients, pass.A[^1]);
    }

    /// <summary>
    /// sample: from a zero input and state, draw characters until '\n' or 50 of them (then '\n' is appended). Before the k-th
    /// draw the global RandomState is re-seeded with counter + seed, and seed also steps each time: seed0 + 2k.
    /// </summary>
    public IReadOnlyList<int> Sample(int newlineIndex, int seed)
    {
        const int maxLength = 50;
        var indices = new List<int>();
        var random = new NumpyRandom(0);
        var (input, aPrev) = (NoInput, new double[HiddenSize]);
        var (idx, counter) = (-1, 0);
        while (idx != newlineIndex && counter != maxLength)
        {
            var (a, y) = Step(input, aPrev);
            random.Seed((uint)(counter + seed));
            idx = random.Choice(y);
            indices.Add(idx);
            (input, aPrev) = (idx, a);
            seed++;
            counter++;
        }

        // As the notebook: 50 draws get a '\n' appended, even when the 50th was one.
        if (counter == maxLength)
        {
            indices.Add(newlineIndex);
        }

        return indices;
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    private static void Subtract(double[] parameter, double[] gradient, double learningRate)
    {
        for (var i = 0; i < parameter.Length; i++)
        {
            parameter[i] += -learningRate * gradient[i];
        }
    }

    private static void Require(double[] values, int length, string name)
    {
        if (values.Length != length)
        {
            throw new ArgumentException($"{name} has {values.Length} values, expected {length}", name);
        }
    }
}

/// <summary>One name's forward pass: its loss, inputs and targets, A[t+1] = a_t (A[0] = a_prev) and ŷ_t.</summary>
public sealed record ForwardPass(double Loss, IReadOnlyList<int> X, IReadOnlyList<int> Y, double[][] A, double[][] YHat);
