namespace Platform.Silo.Sweeps.Search;

/// <summary>The indices a <see cref="ISearchAlgorithm.Suggest"/> call covers, cut at the sweep's size limit.</summary>
internal static class SuggestionRange
{
    public static IEnumerable<int> Indices(int nextIndex, int count, int? limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nextIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var end = (int)Math.Min((long)nextIndex + count, limit ?? int.MaxValue);
        for (var index = nextIndex; index < end; index++)
        {
            yield return index;
        }
    }
}
