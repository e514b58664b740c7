using System.Net;
using Orleans.Configuration;
using Platform.Silo.Store;

namespace Platform.Silo.Hosting;

/// <summary>Membership for silos and for clients (workers), from <see cref="PlatformClusterOptions"/>: the one place that knows both kinds.</summary>
public static class PlatformClusteringExtensions
{
    /// <summary>ADO.NET's invariant for Npgsql; without it the provider assumes SQL Server.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    public static ISiloBuilder UsePlatformClustering(this ISiloBuilder silo, PlatformClusterOptions cluster, StoreOptions store)
    {
        if (!cluster.UsesPostgres)
        {
            return silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        }

        var advertised = IPAddress.Parse(cluster.AdvertisedIp);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = cluster.MembershipConnectionString(store.ConnectionString);
        });
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        // A loopback address is listened on as advertised; a pod IP is advertised while listening on every interface.
        silo.ConfigureEndpoints(advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        if (cluster.FastFailover)
        {
            silo.Configure<ClusterMembershipOptions>(ClusterMembershipTimings.ApplyFast);
        }

        return silo;
    }

    /// <summary>A client finds gateways in the membership table (postgres) or at the one local silo's gateway port (localhost).</summary>
    public static IClientBuilder UsePlatformClustering(this IClientBuilder client, PlatformClusterOptions cluster, string? storeConnectionString)
    {
        if (!cluster.UsesPostgres)
        {
            return client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
        }

        client.UseAdoNetClustering(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = cluster.MembershipConnectionString(storeConnectionString);
        });
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        if (cluster.FastFailover)
        {
            client.Configure<GatewayOptions>(ClusterMembershipTimings.ApplyFast);
        }

        return client;
    }
}
