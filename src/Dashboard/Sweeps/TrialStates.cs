namespace Platform.Dashboard.Sweeps;

/// <summary>The trial states the API reports, in the order the progress bar and counts show them: active first, then ended.</summary>
public static class TrialStates
{
    private static readonly string[] Order = ["running", "leased", "queued", "paused", "finished", "pruned", "failed", "cancelled"];

    /// <summary>Counts in display order, states the API adds later at the end; zero counts left out.</summary>
    public static IReadOnlyList<(string State, int Count)> Ordered(IReadOnlyDictionary<string, int>? counts) =>
        (counts ?? new Dictionary<string, int>())
            .Where(c => c.Value > 0)
            .OrderBy(c => Array.IndexOf(Order, c.Key) is var i and >= 0 ? i : int.MaxValue).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, c.Value)).ToArray();
}
