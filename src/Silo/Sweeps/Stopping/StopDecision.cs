namespace Platform.Silo.Sweeps.Stopping;

/// <summary>An early stopping verdict, with the reason to log on the pruned run.</summary>
public sealed record StopDecision(bool ShouldStop, string Reason)
{
    public static StopDecision Continue { get; } = new(false, "");

    public static StopDecision Stop(string reason) => new(true, reason);
}
