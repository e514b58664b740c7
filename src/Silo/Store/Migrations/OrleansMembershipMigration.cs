namespace Platform.Silo.Store.Migrations;

/// <summary>
/// Migration 8 (PostgreSQL only): the tables and queries of Orleans' ADO.NET clustering provider
/// (<c>Microsoft.Orleans.Clustering.AdoNet</c>, invariant <c>Npgsql</c>), so silos find each other and workers find gateways
/// through the store's database. The package ships no SQL: the provider reads its queries from <c>OrleansQuery</c> by key and
/// relies only on their parameter names (<c>@DeploymentId</c>, <c>@Address</c>, …) and result columns, which this script
/// supplies. Inserts and updates are compare-and-swap on the version row (the provider's etag): each returns 1 when it applied,
/// else 0, and the version row's lock serialises silos that write at once.
/// Idempotent (IF NOT EXISTS, upserted query texts), so it also repairs a database where someone applied Orleans' own script.
/// </summary>
internal static class OrleansMembershipMigration
{
    public static Migration Migration { get; } = new(8, "orleans cluster membership (ado.net clustering)", """
        CREATE TABLE IF NOT EXISTS OrleansQuery (
            QueryKey VARCHAR(64) NOT NULL PRIMARY KEY,
            QueryText VARCHAR(8000) NOT NULL);
        CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable (
            DeploymentId VARCHAR(150) NOT NULL PRIMARY KEY,
            Timestamp TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
            Version INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS OrleansMembershipTable (
            DeploymentId VARCHAR(150) NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
            Address VARCHAR(45) NOT NULL,
            Port INTEGER NOT NULL,
            Generation INTEGER NOT NULL,
            SiloName VARCHAR(150) NOT NULL,
            HostName VARCHAR(150) NOT NULL,
            Status INTEGER NOT NULL,
            ProxyPort INTEGER NULL,
            SuspectTimes VARCHAR(8000) NULL,
            StartTime TIMESTAMPTZ(3) NOT NULL,
            IAmAliveTime TIMESTAMPTZ(3) NOT NULL,
            PRIMARY KEY (DeploymentId, Address, Port, Generation));

        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
        ('InsertMembershipVersionKey', $q$
            WITH created AS (
                INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
                ON CONFLICT (DeploymentId) DO NOTHING
                RETURNING 1)
            SELECT COUNT(*)::int FROM created
        $q$),
        ('InsertMembershipKey', $q$
            WITH claimed AS (
                UPDATE OrleansMembershipVersionTable v SET Version = v.Version + 1, Timestamp = now()
                WHERE v.DeploymentId = @DeploymentId AND v.Version = @Version
                  AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable m
                                  WHERE m.DeploymentId = @DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation)
                RETURNING v.DeploymentId),
            inserted AS (
                INSERT INTO OrleansMembershipTable
                    (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
                SELECT c.DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
                FROM claimed c
                RETURNING 1)
            SELECT COUNT(*)::int FROM inserted
        $q$),
        ('UpdateMembershipKey', $q$
            WITH claimed AS (
                UPDATE OrleansMembershipVersionTable v SET Version = v.Version + 1, Timestamp = now()
                WHERE v.DeploymentId = @DeploymentId AND v.Version = @Version
                  AND EXISTS (SELECT 1 FROM OrleansMembershipTable m
                              WHERE m.DeploymentId = @DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation)
                RETURNING v.DeploymentId),
            updated AS (
                UPDATE OrleansMembershipTable m SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
                FROM claimed c
                WHERE m.DeploymentId = c.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
                RETURNING 1)
            SELECT COUNT(*)::int FROM updated
        $q$),
        ('UpdateIAmAlivetimeKey', $q$
            UPDATE OrleansMembershipTable SET IAmAliveTime = @IAmAliveTime
            WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
        $q$),
        ('MembershipReadRowKey', $q$
            SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
                   m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
            FROM OrleansMembershipVersionTable v
            LEFT JOIN OrleansMembershipTable m
              ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
            WHERE v.DeploymentId = @DeploymentId
        $q$),
        ('MembershipReadAllKey', $q$
            SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
                   m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
            FROM OrleansMembershipVersionTable v
            LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
            WHERE v.DeploymentId = @DeploymentId
        $q$),
        ('GatewaysQueryKey', $q$
            SELECT Address, ProxyPort, Generation FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
        $q$),
        ('DeleteMembershipTableEntriesKey', $q$
            DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
            DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
        $q$),
        ('CleanupDefunctSiloEntriesKey', $q$
            DELETE FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3
        $q$)
        ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
        """);
}
