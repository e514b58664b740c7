namespace Platform.Dashboard.Tests.Fakes;

/// <summary>A clock stopped at one instant, so durations of running runs are deterministic.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
