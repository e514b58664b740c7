using Platform.Contracts.Catalog;
using Platform.Contracts.Sweeps;

namespace Platform.Silo.Sweeps.Search;

/// <summary>W&amp;B's <c>grid</c> method: the trials of <see cref="GridExpander"/>, in its order; exhausted after the last.</summary>
public sealed class GridSearch : ISearchAlgorithm
{
    private readonly IReadOnlyList<IReadOnlyDictionary<string, string>> trials;

    public GridSearch(SweepSpec spec, AssignmentDescriptor assignment)
        : this(GridExpander.Expand(spec, assignment))
    {
    }

    public GridSearch(IReadOnlyList<IReadOnlyDictionary<string, string>> trials) => this.trials = trials;

    public int Count => trials.Count;

    public IReadOnlyList<TrialSuggestion> Suggest(int nextIndex, int count, IReadOnlyList<TrialObservation> history) =>
        SuggestionRange.Indices(nextIndex, count, trials.Count).Select(i => new TrialSuggestion(i, trials[i])).ToArray();
}
