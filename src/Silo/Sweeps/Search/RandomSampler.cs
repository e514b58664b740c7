namespace Platform.Silo.Sweeps.Search;

/// <summary>Draws complete parameter sets from a <see cref="SearchSpace"/> (W&amp;B's random method; TPE's startup trials).</summary>
public static class RandomSampler
{
    public static IReadOnlyDictionary<string, string> Sample(SearchSpace space, Random random)
    {
        var values = new Dictionary<string, string>();
        foreach (var dimension in space.Dimensions)
        {
            values[dimension.Name] = dimension switch
            {
                CategoricalDimension c => c.Choices[DistributionSampler.SampleIndex(c.Probabilities, random)],
                NumericDimension n => SampleInRange(n, random),
                _ => throw new InvalidOperationException($"unknown dimension {dimension.GetType().Name}"),
            };
        }

        return space.Complete(values);
    }

    /// <summary>
    /// Draws until the hyperparameter's range accepts the value. The validator already checked every bounded
    /// distribution's ends, so only normal tails are redrawn; a bound keeps a misconfigured spec from spinning forever.
    /// </summary>
    public static string SampleInRange(NumericDimension dimension, Random random)
    {
        for (var attempt = 0; attempt < DistributionSampler.MaxAttempts; attempt++)
        {
            if (SearchSpace.Canonicalize(dimension, DistributionSampler.Sample(dimension, random)) is { } canonical)
            {
                return canonical;
            }
        }

        throw new InvalidOperationException(
            $"{dimension.Name}: no value in {dimension.Descriptor.RangeText} after {DistributionSampler.MaxAttempts} draws; narrow the distribution");
    }
}
