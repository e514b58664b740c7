using Platform.Contracts.Api;

namespace Platform.Silo.Store;

/// <summary>
/// Which lines of a batch a run's log takes (<see cref="RunLogLimits"/>): each cut to the line cap, and no more than the run has
/// room for. The last free slot holds <see cref="RunLogLimits.CapNotice"/>, so a reader sees why the log stops; once it is
/// stored, nothing more is.
/// </summary>
public static class RunLogCap
{
    public sealed record Entry(long Timestamp, string Source, string Message);

    public static IReadOnlyList<Entry> Admit(long alreadyStored, IReadOnlyList<NewRunLogLine> lines, string source, int maxLines = RunLogLimits.MaxLinesPerRun)
    {
        var room = maxLines - alreadyStored;
        if (room <= 0 || lines.Count == 0)
        {
            return [];
        }

        var entries = lines.Take((int)Math.Min(lines.Count, room)).Select(l => new Entry(l.Timestamp, source, Cut(l.Message))).ToList();
        if (lines.Count >= room)
        {
            entries[^1] = new Entry(entries[^1].Timestamp, RunLogLimits.PlatformSource, RunLogLimits.CapNotice);
        }

        return entries;
    }

    public static string Cut(string message) =>
        message.Length <= RunLogLimits.MaxLineChars ? message : string.Concat(message.AsSpan(0, RunLogLimits.MaxLineChars - 1), "…");
}
