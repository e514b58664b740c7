using Platform.Contracts.Sweeps;

namespace Platform.Silo.Sweeps.Search;

/// <summary>
/// W&amp;B's <c>random</c> method: each suggestion is an independent draw, from its own generator seeded by
/// (sweep seed, index), so the sequence is reproducible and any suggestion can be recomputed alone.
/// </summary>
public sealed class RandomSearch(SearchSpace space, int seed, int? runCap = null) : ISearchAlgorithm
{
    public IReadOnlyList<TrialSuggestion> Suggest(int nextIndex, int count, IReadOnlyList<TrialObservation> history)
    {
        var suggestions = new List<TrialSuggestion>();
        foreach (var index in SuggestionRange.Indices(nextIndex, count, runCap))
        {
            suggestions.Add(new TrialSuggestion(index, RandomSampler.Sample(space, SeedMixer.For(seed, index))));
        }

        return suggestions;
    }
}
