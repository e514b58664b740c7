namespace Platform.Dashboard.Sweeps;

/// <summary>The trial states the API reports, in the order the progress bar and counts show them: active first, then ended.</summary>
public static class TrialStates
{
    public static IReadOnlyList<string> DisplayOrder { get; } = ["running", "leased", "queued", "paused", "finished", "pruned", "failed", "cancelled"];

    /// <summary>Counts in display order, states the API adds later at the end; zero counts left out.</summary>
    public static IReadOnlyList<(string State, int Count)> Ordered(IReadOnlyDictionary<string, int>? counts) =>
        (counts ?? new Dictionary<string, int>())
            .Where(c => c.Value > 0)
            .OrderBy(c => DisplayOrder.IndexOf(c.Key) is var i and >= 0 ? i : int.MaxValue).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, c.Value)).ToArray();

    private static int IndexOf(this IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == item)
            {
                return i;
            }
        }

        return -1;
    }
}
