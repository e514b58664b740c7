using System.Net;

namespace Platform.Silo.Hosting;

/// <summary>
/// How a silo joins its cluster and how a client (a worker) finds its gateways, bound from the <c>Cluster</c> section.
/// <c>localhost</c> membership is local mode's single silo on loopback; <c>postgres</c> keeps the membership table in PostgreSQL
/// (the store's database unless <see cref="ConnectionString"/> says otherwise; its schema is store migration 8).
/// </summary>
public sealed class PlatformClusterOptions
{
    public const string Section = "Cluster";
    public const string LocalhostMembership = "localhost";
    public const string PostgresMembership = "postgres";

    /// <summary><c>localhost</c> (one silo, the default) or <c>postgres</c> (a real cluster).</summary>
    public string Membership { get; set; } = LocalhostMembership;

    /// <summary>The membership database (Npgsql syntax); empty means <c>Store:ConnectionString</c>.</summary>
    public string? ConnectionString { get; set; }

    public string ClusterId { get; set; } = "platform-local";

    public string ServiceId { get; set; } = "platform";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port (workers connect here).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at: loopback on one machine, the pod IP in Kubernetes.</summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>
    /// Detect dead silos in seconds rather than a minute or more (short probe and table timeouts, <see cref="ClusterMembershipTimings"/>).
    /// For loopback clusters and tests; a production cluster keeps Orleans' defaults, which tolerate GC pauses and slow networks.
    /// </summary>
    public bool FastFailover { get; set; }

    public bool UsesPostgres => Membership == PostgresMembership;

    /// <summary>The membership connection string: this section's, else the store's.</summary>
    public string? MembershipConnectionString(string? storeConnectionString) =>
        string.IsNullOrWhiteSpace(ConnectionString) ? storeConnectionString : ConnectionString;

    public IEnumerable<string> Validate(string? storeConnectionString = null)
    {
        if (Membership is not (LocalhostMembership or PostgresMembership))
        {
            yield return $"{Section}:Membership must be '{LocalhostMembership}' or '{PostgresMembership}', got '{Membership}'";
        }

        if (UsesPostgres && string.IsNullOrWhiteSpace(MembershipConnectionString(storeConnectionString)))
        {
            yield return $"{Section}:ConnectionString (or Store:ConnectionString) is required when {Section}:Membership is '{PostgresMembership}'";
        }

        if (SiloPort is < 1 or > 65535)
        {
            yield return $"{Section}:SiloPort must be a TCP port (1-65535), got {SiloPort}";
        }

        if (GatewayPort is < 1 or > 65535)
        {
            yield return $"{Section}:GatewayPort must be a TCP port (1-65535), got {GatewayPort}";
        }

        if (SiloPort == GatewayPort)
        {
            yield return $"{Section}:SiloPort and {Section}:GatewayPort must differ, both are {SiloPort}";
        }

        if (!IPAddress.TryParse(AdvertisedIp, out _))
        {
            yield return $"{Section}:AdvertisedIp must be an IP address, got '{AdvertisedIp}'";
        }

        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            yield return $"{Section}:ClusterId must not be empty";
        }

        if (string.IsNullOrWhiteSpace(ServiceId))
        {
            yield return $"{Section}:ServiceId must not be empty";
        }
    }
}
