using System.Globalization;
using Platform.Contracts.Api;

namespace Platform.Dashboard.Logs;

/// <summary>How a log line looks: the platform's lifecycle events apart from the job's own lines, warnings and errors marked.</summary>
public static class LogLineStyle
{
    public static string CssClass(RunLogLine line)
    {
        if (line.Source == RunLogLimits.PlatformSource)
        {
            return line.Message.StartsWith("failed", StringComparison.Ordinal) ? "log-line log-platform log-error" : "log-line log-platform";
        }

        return line.Message switch
        {
            _ when line.Message.StartsWith("Error", StringComparison.Ordinal) || line.Message.StartsWith("Critical", StringComparison.Ordinal) => "log-line log-error",
            _ when line.Message.StartsWith("Warning", StringComparison.Ordinal) => "log-line log-warning",
            _ => "log-line",
        };
    }

    /// <summary>Time of day in UTC with milliseconds: the date is the run's, shown above.</summary>
    public static string Time(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
