namespace Platform.Silo.Sweeps.Tpe;

/// <summary>
/// TPE's estimator for a categorical parameter: the prior's probabilities (the sweep's <c>probabilities</c>, or uniform)
/// weighted by the prior weight, plus each observation's weight on the choice it made, normalized.
/// </summary>
internal sealed class CategoricalEstimator
{
    private readonly double[] probabilities;

    private CategoricalEstimator(double[] probabilities) => this.probabilities = probabilities;

    /// <param name="choices">Observed choice indices, oldest first.</param>
    public static CategoricalEstimator Fit(IReadOnlyList<int> choices, IReadOnlyList<double> prior, double priorWeight)
    {
        var mass = prior.Select(p => p * priorWeight).ToArray();
        var weights = ParzenWeights.For(choices.Count);
        for (var i = 0; i < choices.Count; i++)
        {
            mass[choices[i]] += weights[i];
        }

        var total = mass.Sum();
        return new CategoricalEstimator(mass.Select(m => m / total).ToArray());
    }

    public int Sample(Random random) => Search.DistributionSampler.SampleIndex(probabilities, random);

    public double LogPmf(int choice) => Math.Log(probabilities[choice]);
}
