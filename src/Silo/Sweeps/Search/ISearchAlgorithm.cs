using Platform.Contracts.Sweeps;

namespace Platform.Silo.Sweeps.Search;

/// <summary>
/// Proposes a sweep's trials. Implementations are stateless: suggestion <c>i</c> depends only on the sweep spec, the seed,
/// <c>i</c> and the history passed in, so a sweep grain persists nothing but its seed, how many suggestions it has issued
/// and the observations, and gets the same suggestions again after a restart.
/// </summary>
public interface ISearchAlgorithm
{
    /// <summary>
    /// Up to <paramref name="count"/> suggestions numbered from <paramref name="nextIndex"/>; fewer (possibly none) when
    /// the search is exhausted (a finished grid, or <c>run_cap</c> reached).
    /// </summary>
    IReadOnlyList<TrialSuggestion> Suggest(int nextIndex, int count, IReadOnlyList<TrialObservation> history);
}
