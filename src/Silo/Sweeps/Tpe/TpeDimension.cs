using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Search;

namespace Platform.Silo.Sweeps.Tpe;

/// <summary>l(x) and g(x) for one parameter, and the candidate draw that maximizes their ratio.</summary>
internal abstract class TpeDimension(string name, int candidates)
{
    public string Name { get; } = name;

    protected int Candidates { get; } = candidates;

    public static TpeDimension Fit(SearchDimension dimension, IReadOnlyList<TrialObservation> good, IReadOnlyList<TrialObservation> bad, TpeOptions options) =>
        dimension switch
        {
            NumericDimension n => NumericTpeDimension.Fit(n, good, bad, options),
            CategoricalDimension c => CategoricalTpeDimension.Fit(c, good, bad, options),
            _ => throw new InvalidOperationException($"unknown dimension {dimension.GetType().Name}"),
        };

    public abstract string Sample(Random random);
}

internal sealed class NumericTpeDimension(NumericScale scale, TruncatedGaussianMixture good, TruncatedGaussianMixture bad, int candidates)
    : TpeDimension(scale.Dimension.Name, candidates)
{
    public static NumericTpeDimension Fit(NumericDimension dimension, IReadOnlyList<TrialObservation> good, IReadOnlyList<TrialObservation> bad, TpeOptions options)
    {
        var scale = NumericScale.For(dimension);
        IReadOnlyList<double> Points(IEnumerable<TrialObservation> observations) =>
            observations.Select(o => o.Params.TryGetValue(dimension.Name, out var v) ? scale.ToInternal(v) : null)
                .OfType<double>().ToArray();
        return new NumericTpeDimension(scale,
            TruncatedGaussianMixture.Fit(Points(good), scale, options.PriorWeight),
            TruncatedGaussianMixture.Fit(Points(bad), scale, options.PriorWeight),
            options.Candidates);
    }

    public override string Sample(Random random)
    {
        string? best = null;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < Candidates; i++)
        {
            // The ratio is scored on the continuous draw; rounding (int, q) only maps it to the value that is run.
            var z = good.Sample(random);
            var score = good.LogPdf(z) - bad.LogPdf(z);
            if (score > bestScore && SearchSpace.Canonicalize(scale.Dimension, scale.FromInternal(z)) is { } canonical)
            {
                best = canonical;
                bestScore = score;
            }
        }

        // Only possible when the hyperparameter's range cuts into a normal's cut-off: fall back to W&B's own draw.
        return best ?? RandomSampler.SampleInRange(scale.Dimension, random);
    }
}

internal sealed class CategoricalTpeDimension(CategoricalDimension dimension, CategoricalEstimator good, CategoricalEstimator bad, int candidates)
    : TpeDimension(dimension.Name, candidates)
{
    public static CategoricalTpeDimension Fit(CategoricalDimension dimension, IReadOnlyList<TrialObservation> good, IReadOnlyList<TrialObservation> bad, TpeOptions options)
    {
        IReadOnlyList<int> Choices(IEnumerable<TrialObservation> observations) =>
            observations.Select(o => o.Params.TryGetValue(dimension.Name, out var v) ? dimension.IndexOf(v) : -1)
                .Where(i => i >= 0).ToArray();
        return new CategoricalTpeDimension(dimension,
            CategoricalEstimator.Fit(Choices(good), dimension.Probabilities, options.PriorWeight),
            CategoricalEstimator.Fit(Choices(bad), dimension.Probabilities, options.PriorWeight),
            options.Candidates);
    }

    public override string Sample(Random random)
    {
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < Candidates; i++)
        {
            var choice = good.Sample(random);
            var score = good.LogPmf(choice) - bad.LogPmf(choice);
            if (score > bestScore)
            {
                best = choice;
                bestScore = score;
            }
        }

        return dimension.Choices[best];
    }
}
