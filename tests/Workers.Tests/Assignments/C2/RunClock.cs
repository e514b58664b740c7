using System.Diagnostics;

namespace Platform.Workers.Tests.Assignments.C2;

/// <summary>
/// Wall time and this process's CPU time of a run: on a shared build machine (load far above its 2 cores) the wall time
/// says little, the CPU time of a single-threaded run is the comparable figure.
/// </summary>
internal sealed class RunClock
{
    private readonly Stopwatch wall = Stopwatch.StartNew();
    private readonly TimeSpan cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;

    public static RunClock Start() => new();

    public (double Wall, double Cpu) Seconds => (wall.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds);

    public override string ToString() =>
        $"{wall.Elapsed.TotalSeconds:F3} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds:F3} s CPU";
}
