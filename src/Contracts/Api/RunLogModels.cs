namespace Platform.Contracts.Api;

// A run's log (POST and GET /api/platform/v1/runs/{id}/logs): lines the job logged through JobContext.Log, shipped in batches by
// its worker, and the trial's lifecycle events written by the platform (leased, running, failed: reason).

/// <summary>A line to append. <see cref="Timestamp"/> is Unix milliseconds taken where the line was written.</summary>
public sealed record NewRunLogLine(long Timestamp, string Message);

/// <summary>
/// A batch of lines from one <see cref="Source"/> (a worker id, or <c>platform</c> for lifecycle events). The store cuts each line
/// to <see cref="RunLogLimits.MaxLineChars"/> and keeps at most <see cref="RunLogLimits.MaxLinesPerRun"/> lines per run. A
/// <see cref="BatchId"/> (the client's, at most <see cref="RunLogLimits.MaxBatchIdChars"/> characters) makes the batch
/// idempotent: a batch sent again under the same id (a retry after a lost answer) is stored once.
/// </summary>
public sealed record RunLogBatch(string? Source, IReadOnlyList<NewRunLogLine>? Lines, string? BatchId = null);

/// <summary>A stored line. <see cref="Id"/> increases in the order lines were stored: the <c>after</c> cursor of the next read.</summary>
public sealed record RunLogLine(long Id, long Timestamp, string Source, string Message);

/// <summary>
/// Lines after a cursor, oldest first. <see cref="NextAfter"/> is the cursor for the next call (the last line's id, or the
/// given cursor when there is nothing new); <see cref="RunStatus"/> tells a follower whether more may come.
/// </summary>
public sealed record RunLogPage(IReadOnlyList<RunLogLine> Lines, long NextAfter, string RunStatus);

/// <summary>Caps that keep a chatty or hostile job from filling the store.</summary>
public static class RunLogLimits
{
    /// <summary>A batch id's length at most (a GUID in any of its text forms fits).</summary>
    public const int MaxBatchIdChars = 64;

    /// <summary>Longer lines are cut here and end with an ellipsis.</summary>
    public const int MaxLineChars = 4000;

    /// <summary>Lines kept per run; once reached, one notice is stored and later lines are dropped.</summary>
    public const int MaxLinesPerRun = 50_000;

    /// <summary>Lines per POST (and per GET page).</summary>
    public const int MaxLinesPerBatch = 1000;

    public const int MaxSourceChars = 200;

    /// <summary>The source of lines the platform itself writes (lifecycle events, the cap notice).</summary>
    public const string PlatformSource = "platform";

    public const string CapNotice = "log limit reached: later lines of this run are dropped";
}
