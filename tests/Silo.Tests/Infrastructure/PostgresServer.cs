using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;
using Platform.Testing;

namespace Platform.Silo.Tests.Infrastructure;

/// <summary>
/// A private, throwaway PostgreSQL cluster for tests: initdb into a temp folder, pg_ctl start on a free loopback port, and
/// stop + delete on dispose. Used as an xunit collection fixture (<see cref="PostgresCollection"/>); each test class asks for
/// its own database with <see cref="CreateDatabaseAsync"/>. Missing binaries fail the tests on purpose: CI must install them.
/// When running as root the server runs as the <c>postgres</c> OS user, because PostgreSQL refuses to run as root.
/// </summary>
public sealed partial class PostgresServer : IAsyncLifetime
{
    private const string OsUser = "postgres";
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _databases = new();
    private string? _binDir;
    private string? _root;
    private bool _started;

    public int Port { get; private set; }

    private string DataDir => Path.Combine(_root!, "data");

    /// <summary>The cluster's data folder (its <c>postmaster.pid</c> names the server process, e.g. to measure its CPU time).</summary>
    public string DataDirectory => DataDir;

    /// <summary>Connection string of the <c>postgres</c> maintenance database (trust authentication, loopback only).</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = OsUser, Database = database, Pooling = true, Timeout = 15,
    }.ToString();

    public async Task InitializeAsync()
    {
        _binDir = FindBinDir(Environment.GetEnvironmentVariable("PATH"), DebianRoot) ?? throw new InvalidOperationException(MissingBinariesMessage);
        // As root, TMPDIR may point somewhere the postgres user cannot traverse (e.g. under /root); /tmp always works.
        _root = Path.Combine(IsRoot ? "/tmp" : Path.GetTempPath(), "platform-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
        if (IsRoot)
            await RunAsync("chown", ["-R", $"{OsUser}:{OsUser}", _root], asPostgres: false);

        await RunAsync(Path.Combine(_binDir, "initdb"),
            ["-D", DataDir, "-U", OsUser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], asPostgres: true);

        // A free port can be taken between our probe and the server's bind; retry a few times on a new one.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeTcpPort.OnLoopback();
            try
            {
                await StartServerAsync();
                _started = true;
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>
    /// Stops the server (fast shutdown: every connection is dropped), waits <paramref name="down"/>, and starts it again on the
    /// same port with the same data: a database restart as the platform sees it.
    /// </summary>
    public async Task RestartAsync(TimeSpan down)
    {
        await StopAsync();
        await Task.Delay(down);
        await StartAgainAsync();
    }

    /// <summary>Stops the server (fast shutdown: every connection is dropped) until <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync() =>
        RunAsync(Path.Combine(_binDir!, "pg_ctl"), ["-D", DataDir, "-m", "fast", "-w", "stop"], asPostgres: true);

    /// <summary>Starts a server stopped by <see cref="StopAsync"/> on the same port with the same data.</summary>
    public async Task StartAgainAsync()
    {
        await StartServerAsync();
        NpgsqlConnection.ClearAllPools(); // pooled connections died with the old server
    }

    private Task StartServerAsync()
    {
        // The socket lives in our folder (-k) so concurrent clusters and a system server never collide on /var/run.
        // Durability settings are off: the cluster is thrown away, and fsync dominates small test transactions.
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -k {_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        return RunAsync(Path.Combine(_binDir!, "pg_ctl"),
            ["-D", DataDir, "-o", options, "-l", Path.Combine(_root!, "server.log"), "-w", "-t", "60", "start"], asPostgres: true);
    }

    /// <summary>Creates the database once per name (repeat calls share it) and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string name)
    {
        if (!DatabaseName().IsMatch(name))
            throw new ArgumentException($"database name '{name}' must match {DatabaseName()}", nameof(name));
        return _databases.GetOrAdd(name, n => new Lazy<Task<string>>(async () =>
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            // Identifiers cannot be parameters; the name was validated above, and is quoted.
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{n}\"", connection);
            await command.ExecuteNonQueryAsync();
            return ConnectionStringFor(n);
        })).Value;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (_started)
                await RunAsync(Path.Combine(_binDir!, "pg_ctl"), ["-D", DataDir, "-m", "immediate", "-w", "stop"], asPostgres: true);
        }
        finally
        {
            if (_root is not null && Directory.Exists(_root))
                Directory.Delete(_root, recursive: true);
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();

    private static bool IsRoot => Environment.UserName == "root";

    internal const string DebianRoot = "/usr/lib/postgresql";

    internal const string MissingBinariesMessage =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
        "Install them (Debian: apt-get install -y postgresql) to run the PostgreSQL tests.";

    /// <summary>The folder holding initdb and pg_ctl: the first on <paramref name="path"/>, else the newest Debian major version.</summary>
    internal static string? FindBinDir(string? path, string debianRoot)
    {
        var onPath = (path ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (onPath is not null)
            return onPath;
        if (!Directory.Exists(debianRoot))
            return null;
        // Highest major version first.
        return Directory.GetDirectories(debianRoot)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")) && File.Exists(Path.Combine(x.Dir, "pg_ctl")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }


    private async Task RunAsync(string fileName, IReadOnlyList<string> args, bool asPostgres)
    {
        var psi = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres && IsRoot)
        {
            psi.FileName = "runuser";
            foreach (var a in new[] { "-u", OsUser, "--", fileName })
                psi.ArgumentList.Add(a);
        }
        else
        {
            psi.FileName = fileName;
        }
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        // The server inherits the working directory; the test's may not be readable by the postgres user.
        psi.WorkingDirectory = _root ?? Path.GetTempPath();

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_root ?? "", "server.log");
            var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log) : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', args)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}\n{serverLog}");
        }
    }
}

/// <summary>Test classes marked <c>[Collection(PostgresCollection.Name)]</c> share one server and receive it in their constructor.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
