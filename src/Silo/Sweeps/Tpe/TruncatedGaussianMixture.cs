namespace Platform.Silo.Sweeps.Tpe;

/// <summary>
/// TPE's Parzen estimator for one numeric parameter (Bergstra et al. 2011, section 4; bandwidths as Optuna's univariate
/// estimator): a Gaussian at each observation plus one prior Gaussian, all truncated to [low, high] of the search space.
/// </summary>
internal sealed class TruncatedGaussianMixture
{
    private readonly double[] mus;
    private readonly double[] sigmas;
    private readonly double[] weights;
    private readonly double low;
    private readonly double high;

    private TruncatedGaussianMixture(double[] mus, double[] sigmas, double[] weights, double low, double high)
    {
        this.mus = mus;
        this.sigmas = sigmas;
        this.weights = weights;
        this.low = low;
        this.high = high;
    }

    /// <param name="points">Observed values in the internal (possibly log) space, oldest first.</param>
    public static TruncatedGaussianMixture Fit(IReadOnlyList<double> points, NumericScale scale, double priorWeight)
    {
        var count = points.Count + 1;
        var mus = points.Append(scale.PriorMu).ToArray();
        var weights = ParzenWeights.For(points.Count).Append(priorWeight).ToArray();
        var total = weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] /= total;
        }

        // Bandwidth of each kernel: the larger gap to its sorted neighbours, clipped to
        // [(high - low) / min(100, 1 + n), high - low] (Optuna's "magic clip"); the prior keeps its own width.
        var range = scale.High - scale.Low;
        var sigmas = new double[count];
        var order = Enumerable.Range(0, count).OrderBy(i => mus[i]).ThenBy(i => i).ToArray();
        var minSigma = range / Math.Min(100.0, 1.0 + count);
        for (var rank = 0; rank < count; rank++)
        {
            var i = order[rank];
            var left = rank > 0 ? mus[i] - mus[order[rank - 1]] : 0;
            var right = rank < count - 1 ? mus[order[rank + 1]] - mus[i] : 0;
            sigmas[i] = count == 1 ? range : Math.Clamp(Math.Max(left, right), minSigma, range);
        }

        sigmas[count - 1] = scale.PriorSigma;
        return new TruncatedGaussianMixture(mus, sigmas, weights, scale.Low, scale.High);
    }

    public double Sample(Random random)
    {
        var component = Search.DistributionSampler.SampleIndex(weights, random);
        // Rejection from the component's Gaussian is exact; every centre lies inside [low, high] and no width exceeds the
        // range, so acceptance is at least about a third and the bound is never reached in practice.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var x = mus[component] + (sigmas[component] * Search.DistributionSampler.StandardNormal(random));
            if (x >= low && x <= high)
            {
                return x;
            }
        }

        return Math.Clamp(mus[component], low, high);
    }

    public double LogPdf(double x) =>
        NormalMath.LogSumExp(Enumerable.Range(0, mus.Length)
            .Select(i => Math.Log(weights[i]) + NormalMath.LogTruncatedPdf(x, mus[i], sigmas[i], low, high)));
}
