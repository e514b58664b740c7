using Orleans.Configuration;
using Platform.Silo.Sweeps.Lifecycle;

namespace Platform.Silo.Hosting;

/// <summary>
/// Failure-detection timings for <see cref="PlatformClusterOptions.FastFailover"/>: a killed silo is declared dead in about
/// 3 s (two missed 1 s probes, votes from the survivors) instead of Orleans' default of tens of seconds, clients refresh their
/// gateway list every 2 s (so they find silos that join), and dead silos' rows are swept after a minute instead of a week.
/// Trial leases shrink from 30 s to 10 s (20 heartbeats) with a 1 s first retry backoff, so a killed worker's trial runs again
/// elsewhere about 11 s later instead of 35 s.
/// Loopback clusters and the fault-injection tests use them; a production cluster keeps the defaults, which ride out GC pauses.
/// </summary>
public static class ClusterMembershipTimings
{
    public static readonly RetryPolicy FastRetryPolicy = RetryPolicy.Default with { LeaseDuration = TimeSpan.FromSeconds(10), BaseBackoff = TimeSpan.FromSeconds(1) };

    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    public const int NumMissedProbesLimit = 2;
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefunctSiloExpiration = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(2);

    public static void ApplyFast(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = ProbeTimeout;
        o.NumMissedProbesLimit = NumMissedProbesLimit;
        o.TableRefreshTimeout = TableRefreshTimeout;
        o.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
        o.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout;
        o.DefunctSiloExpiration = DefunctSiloExpiration;
        o.DefunctSiloCleanupPeriod = DefunctSiloExpiration;
    }

    public static void ApplyFast(GatewayOptions o) => o.GatewayListRefreshPeriod = GatewayListRefreshPeriod;
}
