using Platform.Silo.Store;
using Platform.Silo.Store.Postgres;
using Platform.Silo.Tests.Infrastructure;

namespace Platform.Silo.Tests.Store;

/// <summary>The contract on a real PostgreSQL server started by <see cref="PostgresServer"/>; this class's databases are its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTrackingStoreTests(PostgresServer server) : TrackingStoreContractTests
{
    protected override async Task<Func<ITrackingStore>> OpenDatabaseAsync(string name)
    {
        var connectionString = await server.CreateDatabaseAsync("store_" + name);
        return () => new PostgresTrackingStore(connectionString);
    }
}
