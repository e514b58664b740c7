using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench;

/// <summary>
/// CPU seconds spent by this process (client and server) and by a PostgreSQL cluster (the postmaster, its live backends, and the
/// backends that already exited, which Linux adds to the postmaster's children times). On a machine shared with other work, CPU
/// seconds per point are what the code costs, where wall-clock throughput mostly measures the neighbours.
/// </summary>
public sealed class CpuMeter(string? postgresDataDirectory)
{
    // USER_HZ: 100 on every Linux the project targets.
    private const double TicksPerSecond = 100;

    public (double Process, double Postgres) Read() =>
        (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, postgresDataDirectory is null ? 0 : PostgresSeconds(postgresDataDirectory));

    public static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static double PostgresSeconds(string dataDirectory)
    {
        var pid = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var ticks = Fields(pid) is { } own ? own[11] + own[12] + own[13] + own[14] : 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var child) && Fields(child) is { } f && f[1] == pid)
                ticks += f[11] + f[12];
        }
        return ticks / TicksPerSecond;
    }

    /// <summary>The numeric fields of /proc/PID/stat after the command name: [1] = ppid, [11..14] = utime, stime, cutime, cstime.</summary>
    private static long[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // rest[0] is the state letter; stat field n (1-based) is rest[n - 3].
            return rest.Skip(1).Take(15).Select(x => long.Parse(x, CultureInfo.InvariantCulture)).Prepend(0).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
