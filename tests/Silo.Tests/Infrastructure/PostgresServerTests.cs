using Npgsql;

namespace Platform.Silo.Tests.Infrastructure;

[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests(PostgresServer server)
{
    [Fact]
    public async Task Server_answers_and_databases_are_created_once_per_name()
    {
        var first = await server.CreateDatabaseAsync("fixture_check");
        Assert.Equal(first, await server.CreateDatabaseAsync("fixture_check"));
        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal("fixture_check", await command.ExecuteScalarAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => server.CreateDatabaseAsync("bad\"name"));
    }

    [Fact]
    public void Binaries_are_found_on_path_or_under_the_debian_folder_and_missing_ones_give_null()
    {
        var root = Directory.CreateTempSubdirectory("platform-pgbin-").FullName;
        try
        {
            Assert.Null(PostgresServer.FindBinDir("", Path.Combine(root, "absent")));
            foreach (var version in new[] { "13", "16" })
            {
                var bin = Directory.CreateDirectory(Path.Combine(root, version, "bin")).FullName;
                File.WriteAllText(Path.Combine(bin, "initdb"), "");
                File.WriteAllText(Path.Combine(bin, "pg_ctl"), "");
            }
            Assert.Equal(Path.Combine(root, "16", "bin"), PostgresServer.FindBinDir("/nonexistent", root));
            Assert.Equal(Path.Combine(root, "13", "bin"), PostgresServer.FindBinDir("/nonexistent:" + Path.Combine(root, "13", "bin"), root));
            Assert.Contains("apt-get install", PostgresServer.MissingBinariesMessage);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
