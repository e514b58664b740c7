using Platform.Silo.Store;
using Platform.Silo.Store.Sqlite;

namespace Platform.Silo.Tests.Store;

/// <summary>The contract on SQLite: every test gets its own folder of database files, deleted afterwards.</summary>
public sealed class SqliteTrackingStoreTests : TrackingStoreContractTests, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "platform-sqlite-" + Guid.NewGuid().ToString("N")[..12]);

    protected override Task<Func<ITrackingStore>> OpenDatabaseAsync(string name) =>
        Task.FromResult<Func<ITrackingStore>>(() => new SqliteTrackingStore(Path.Combine(_dir, name + ".db")));

    [Fact]
    public void Constructor_creates_the_database_folder()
    {
        var store = new SqliteTrackingStore(Path.Combine(_dir, "nested", "deeper", "x.db"));
        Assert.True(Directory.Exists(Path.GetDirectoryName(store.DatabasePath)));
    }

    // Linux lets us delete files that pooled connections still hold open.
    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }
}
