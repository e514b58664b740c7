namespace Platform.Contracts.Api;

/// <summary>The states a sweep moves through.</summary>
public static class SweepStates
{
    public const string Running = "RUNNING";
    public const string Finished = "FINISHED";
}
