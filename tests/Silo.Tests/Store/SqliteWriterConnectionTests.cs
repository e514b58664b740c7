using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Platform.Silo.Store.Sqlite;

namespace Platform.Silo.Tests.Store;

/// <summary>The connection SQLite's group commits keep from one group to the next, with its prepared statements.</summary>
public sealed class SqliteWriterConnectionTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "platform-writer-" + Guid.NewGuid().ToString("N")[..12] + ".db");
    private int _opened;

    private async Task<DbConnection> OpenAsync()
    {
        Interlocked.Increment(ref _opened);
        var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        return connection;
    }

    [Fact]
    public async Task The_kept_connection_and_its_statements_serve_the_next_group_and_none_is_shared_while_in_use()
    {
        var writer = new SqliteWriterConnection(OpenAsync);
        var first = (await writer.TryTakeAsync())!;
        Assert.Null(await writer.TryTakeAsync()); // a second group meanwhile opens its own
        var statements = writer.StatementsOf(first)!;
        var command = statements.Get("SELECT @x + 1", [("x", 1)]);
        Assert.Equal(2L, await command.ExecuteScalarAsync());
        await writer.ReturnAsync(first);

        var second = (await writer.TryTakeAsync())!;
        Assert.Same(first, second);
        Assert.Same(command, writer.StatementsOf(second)!.Get("SELECT @x + 1", [("x", 41)])); // prepared once, new value bound
        Assert.Equal(42L, await command.ExecuteScalarAsync());
        await using var other = await OpenAsync();
        Assert.Null(writer.StatementsOf(other));
        await writer.ReturnAsync(second);
        Assert.Equal(2, _opened);
    }

    [Fact]
    public async Task An_idle_connection_is_closed_and_a_closed_one_is_not_kept()
    {
        var writer = new SqliteWriterConnection(OpenAsync, TimeSpan.FromMilliseconds(50));
        var first = (await writer.TryTakeAsync())!;
        await writer.ReturnAsync(first);
        for (var waited = 0; first.State == ConnectionState.Open && waited < 100; waited++)
            await Task.Delay(50);
        Assert.Equal(ConnectionState.Closed, first.State);

        var second = (await writer.TryTakeAsync())!;
        Assert.NotSame(first, second);
        await second.CloseAsync(); // broken meanwhile: given back, it is dropped
        await writer.ReturnAsync(second);
        await using var third = (await writer.TryTakeAsync())!;
        Assert.NotSame(second, third);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            File.Delete(file);
    }
}
