using Platform.Contracts.Api;
using Platform.Contracts.Client;

namespace Platform.Dashboard.Sweeps;

/// <summary>
/// A control button of the sweep page and its confirmation. Which buttons show follows the sweep's state only to hide the
/// pointless ones; the API decides what is allowed (INVALID_STATE) and the page shows its answer.
/// </summary>
public sealed record SweepAction(string Verb, string Label, Func<PlatformClient, string, Task> Send, Func<SweepDetails, string> Question)
{
    public static SweepAction Pause { get; } = new("pause", "Pause", (c, id) => c.PauseSweepAsync(id),
        d => $"Pause this sweep? No new trials start; {Active(d)} running on.");

    public static SweepAction Resume { get; } = new("resume", "Resume", (c, id) => c.ResumeSweepAsync(id),
        _ => "Resume this sweep? Held trials are queued again and the search goes on.");

    public static SweepAction Cancel { get; } = new("cancel", "Cancel sweep", (c, id) => c.CancelSweepAsync(id),
        d => $"Cancel this sweep? Its {Unfinished(d)} unfinished trials are stopped; this cannot be undone.");

    public static IReadOnlyList<SweepAction> For(string state) => state switch
    {
        SweepStates.Running => [Pause, Cancel],
        SweepStates.Paused => [Resume, Cancel],
        _ => [],
    };

    private static string Active(SweepDetails d) =>
        Count(d, "running", "leased") switch { 0 => "no trial is", 1 => "1 trial keeps", var n => $"{n} trials keep" };

    private static int Unfinished(SweepDetails d) => Count(d, "running", "leased", "queued", "paused");

    private static int Count(SweepDetails d, params string[] states) =>
        states.Sum(s => d.Sweep.Trials?.GetValueOrDefault(s) ?? 0);
}
