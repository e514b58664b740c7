namespace Platform.Contracts.Api;

/// <summary>
/// The states a sweep moves through: RUNNING ⇄ PAUSED (no new trials while paused), then FINISHED (nothing more to suggest and
/// every trial ended) or CANCELLED.
/// </summary>
public static class SweepStates
{
    public const string Running = "RUNNING";
    public const string Paused = "PAUSED";
    public const string Finished = "FINISHED";
    public const string Cancelled = "CANCELLED";

    public static bool IsTerminal(string state) => state is Finished or Cancelled;
}
