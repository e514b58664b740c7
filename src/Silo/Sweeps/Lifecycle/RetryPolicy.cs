namespace Platform.Silo.Sweeps.Lifecycle;

/// <summary>
/// Leases and retries: a lease lasts <see cref="LeaseDuration"/> unless renewed by heartbeats; a trial may lose its lease
/// or fail retryably <see cref="MaxRetries"/> times, waiting <see cref="BaseBackoff"/> · 2^(retry - 1), at most
/// <see cref="MaxBackoff"/>, before it can be leased again; the next time it fails for good.
/// </summary>
public sealed record RetryPolicy(TimeSpan LeaseDuration, int MaxRetries, TimeSpan BaseBackoff, TimeSpan MaxBackoff)
{
    public static RetryPolicy Default { get; } = new(TimeSpan.FromSeconds(30), 3, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));

    /// <summary>The wait before attempt <paramref name="retry"/> (1 for the first retry), doubling up to the cap.</summary>
    public TimeSpan BackoffFor(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        // Past 2^30 the cap has long been reached; the clamp also keeps the shift from overflowing.
        var factor = Math.Pow(2, Math.Min(retry - 1, 30));
        var ticks = Math.Min(BaseBackoff.Ticks * factor, MaxBackoff.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
