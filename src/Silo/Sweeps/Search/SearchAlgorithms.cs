using Platform.Contracts.Catalog;
using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Tpe;

namespace Platform.Silo.Sweeps.Search;

/// <summary>Picks the search algorithm a sweep's <c>method</c> names.</summary>
public static class SearchAlgorithms
{
    /// <param name="seed">Persist it with the sweep: the same seed gives the same suggestions.</param>
    public static ISearchAlgorithm Create(SweepSpec spec, AssignmentDescriptor assignment, int seed, TpeOptions? tpeOptions = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Method switch
        {
            SweepMethod.Grid => new GridSearch(spec, assignment),
            SweepMethod.Random => new RandomSearch(SearchSpace.Create(spec, assignment), seed, spec.RunCap),
            SweepMethod.Bayes => new TpeSearch(SearchSpace.Create(spec, assignment), spec.Metric?.Goal ?? MetricGoal.Minimize, seed, tpeOptions, spec.RunCap),
            _ => throw new ArgumentException($"unknown method {spec.Method}", nameof(spec)),
        };
    }
}
