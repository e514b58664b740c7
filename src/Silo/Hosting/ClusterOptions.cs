namespace Platform.Silo.Hosting;

/// <summary>How the silo joins its cluster. Local mode uses localhost clustering on loopback; the cluster issue adds PostgreSQL membership.</summary>
public sealed class PlatformClusterOptions
{
    public const string Section = "Cluster";

    public string ClusterId { get; set; } = "platform-local";

    public string ServiceId { get; set; } = "platform";

    /// <summary>Silo-to-silo port on 127.0.0.1.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port on 127.0.0.1.</summary>
    public int GatewayPort { get; set; } = 30000;

    public IEnumerable<string> Validate()
    {
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
    }
}
