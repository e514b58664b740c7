namespace Platform.Bench.Models;

/// <summary>
/// This process's memory from /proc/self/status (Linux). libtorch allocates outside the GC, so the managed heap alone
/// says little: the resident set is the total, and RSS − the managed heap approximates the native part.
/// </summary>
public static class ProcessMemory
{
    public static long ResidentBytes => StatusKilobytes("VmRSS:") * 1024;

    /// <summary>The resident high-water mark since the process started or since <see cref="ResetPeak"/>.</summary>
    public static long PeakResidentBytes => StatusKilobytes("VmHWM:") * 1024;

    /// <summary>Bytes in use on the managed heap now (GC.GetGCMemoryInfo would describe the last collection only).</summary>
    public static long ManagedBytes => GC.GetTotalMemory(forceFullCollection: false);

    /// <summary>Resets the high-water mark (writing 5 to clear_refs); false where the kernel refuses.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long StatusKilobytes(string field)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
