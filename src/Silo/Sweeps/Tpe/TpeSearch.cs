using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Search;

namespace Platform.Silo.Sweeps.Tpe;

/// <summary>
/// W&amp;B's <c>bayes</c> method, implemented as the Tree-structured Parzen Estimator (Bergstra et al. 2011) the way
/// Optuna's univariate TPESampler does it. Until <see cref="TpeOptions.StartupTrials"/> trials are observed it samples
/// at random; then it splits the observations at the gamma quantile into good and bad, fits l(x) to the good and g(x) to
/// the bad per parameter, draws candidates from l and keeps the one maximizing l(x)/g(x), the expected improvement
/// criterion of the paper (eq. 3). Parameters are independent, so maximizing the product of ratios is done per parameter.
/// Deterministic: suggestion <c>i</c> uses a generator seeded by (seed, i) and the history sorted by index.
/// </summary>
public sealed class TpeSearch(SearchSpace space, MetricGoal goal, int seed, TpeOptions? options = null, int? runCap = null) : ISearchAlgorithm
{
    private readonly TpeOptions options = options ?? TpeOptions.Default;

    public IReadOnlyList<TrialSuggestion> Suggest(int nextIndex, int count, IReadOnlyList<TrialObservation> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var observed = history.Where(o => double.IsFinite(o.Value)).OrderBy(o => o.Index).ToArray();
        var model = observed.Length >= Math.Max(options.StartupTrials, 2) ? Fit(observed) : null;
        var suggestions = new List<TrialSuggestion>();
        foreach (var index in SuggestionRange.Indices(nextIndex, count, runCap))
        {
            var random = SeedMixer.For(seed, index);
            var values = model is null ? RandomSampler.Sample(space, random) : space.Complete(model.Sample(random));
            suggestions.Add(new TrialSuggestion(index, values));
        }

        return suggestions;
    }

    private TpeModel Fit(IReadOnlyList<TrialObservation> observed)
    {
        // Paper: y* is the gamma quantile of the observed losses; for maximize the order is reversed. Ties keep index order.
        var ranked = goal == MetricGoal.Minimize
            ? observed.OrderBy(o => o.Value).ThenBy(o => o.Index)
            : observed.OrderByDescending(o => o.Value).ThenBy(o => o.Index);
        var goodCount = options.GoodCount(observed.Count);
        var good = ranked.Take(goodCount).OrderBy(o => o.Index).ToArray();
        var bad = ranked.Skip(goodCount).OrderBy(o => o.Index).ToArray();
        return new TpeModel(space.Dimensions.Select(d => TpeDimension.Fit(d, good, bad, options)).ToArray());
    }

    private sealed record TpeModel(IReadOnlyList<TpeDimension> Dimensions)
    {
        public IReadOnlyDictionary<string, string> Sample(Random random) =>
            Dimensions.ToDictionary(d => d.Name, d => d.Sample(random));
    }
}
