using Platform.Contracts.Sweeps;

namespace Platform.Silo.Sweeps.Search;

/// <summary>
/// Draws from the W&amp;B distributions exactly as W&amp;B defines them (wandb/sweeps, params.py): log_* take exponents,
/// *_values take values, inv_* are reciprocals, q_* round to a multiple of q with numpy's half-to-even rounding.
/// </summary>
public static class DistributionSampler
{
    /// <summary>The bound on redraws when a value falls outside the hyperparameter's range (only unbounded normals can).</summary>
    public const int MaxAttempts = 1000;

    public static double Sample(NumericDimension d, Random random)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(random);
        return d.Distribution switch
        {
            ParameterDistribution.Uniform => Uniform(random, d.Min, d.Max),
            // numpy randint(min, max + 1): both ends included.
            ParameterDistribution.IntUniform => random.NextInt64((long)d.Min, (long)d.Max + 1),
            ParameterDistribution.QUniform => Quantize(Uniform(random, d.Min, d.Max), d.Q),
            ParameterDistribution.LogUniform => Math.Exp(Uniform(random, d.Min, d.Max)),
            ParameterDistribution.LogUniformValues => Math.Exp(Uniform(random, Math.Log(d.Min), Math.Log(d.Max))),
            ParameterDistribution.QLogUniform => Quantize(Math.Exp(Uniform(random, d.Min, d.Max)), d.Q),
            ParameterDistribution.QLogUniformValues => Quantize(Math.Exp(Uniform(random, Math.Log(d.Min), Math.Log(d.Max))), d.Q),
            // X = 1 / e^U, U ~ U(min, max).
            ParameterDistribution.InvLogUniform => Math.Exp(-Uniform(random, d.Min, d.Max)),
            // X = 1 / e^U, U ~ U(log(1/max), log(1/min)): X lies in [min, max].
            ParameterDistribution.InvLogUniformValues => Math.Exp(-Uniform(random, Math.Log(1 / d.Max), Math.Log(1 / d.Min))),
            ParameterDistribution.Normal => Normal(random, d.Mu, d.Sigma),
            ParameterDistribution.QNormal => Quantize(Normal(random, d.Mu, d.Sigma), d.Q),
            ParameterDistribution.LogNormal => Math.Exp(Normal(random, d.Mu, d.Sigma)),
            ParameterDistribution.QLogNormal => Quantize(Math.Exp(Normal(random, d.Mu, d.Sigma)), d.Q),
            _ => throw new ArgumentException($"{d.Distribution.Name()} is not a numeric distribution", nameof(d)),
        };
    }

    /// <summary>An index into <paramref name="probabilities"/> (which sum to 1) drawn with those weights.</summary>
    public static int SampleIndex(IReadOnlyList<double> probabilities, Random random)
    {
        var u = random.NextDouble();
        var cumulative = 0.0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            cumulative += probabilities[i];
            if (u < cumulative)
            {
                return i;
            }
        }

        // Rounding can leave the cumulative sum a hair under 1.
        return probabilities.Count - 1;
    }

    /// <summary>A standard normal draw (Box-Muller), consuming exactly two uniforms so sequences stay aligned.</summary>
    public static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static double Quantize(double value, double q) => Math.Round(value / q) * q;

    private static double Uniform(Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    private static double Normal(Random random, double mu, double sigma) => mu + (sigma * StandardNormal(random));
}
