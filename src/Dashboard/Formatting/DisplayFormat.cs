using System.Globalization;

namespace Platform.Dashboard.Formatting;

/// <summary>How the pages print numbers and times: invariant culture, so a page reads the same on every server.</summary>
public static class DisplayFormat
{
    /// <summary>Up to 6 significant digits; NaN and the infinities by name (training runs do diverge, and the page must say so).</summary>
    public static string Number(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        _ => value.ToString("G6", CultureInfo.InvariantCulture),
    };

    /// <summary>An MLflow timestamp (Unix milliseconds) as UTC; the unit is shown so nobody mistakes it for local time.</summary>
    public static string Time(long unixMilliseconds) =>
        unixMilliseconds <= 0
            ? "—"
            : DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Time(long? unixMilliseconds) => unixMilliseconds is { } ms ? Time(ms) : "—";

    /// <summary>Run duration; a run still going shows the time elapsed so far.</summary>
    public static string Duration(long startTime, long? endTime, DateTimeOffset now)
    {
        if (startTime <= 0)
        {
            return "—";
        }

        var end = endTime ?? now.ToUnixTimeMilliseconds();
        return Duration(TimeSpan.FromMilliseconds(Math.Max(0, end - startTime)));
    }

    public static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 1 } => $"{span.Milliseconds} ms",
        { TotalMinutes: < 1 } => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        { TotalHours: < 1 } => $"{span.Minutes}m {span.Seconds:00}s",
        _ => $"{(int)span.TotalHours}h {span.Minutes:00}m",
    };
}
