using System.Globalization;

namespace Platform.Workers.Agent.Isolation;

/// <summary>
/// The lines a trial process and its agent exchange. The agent writes the invocation (one JSON line), then possibly
/// <see cref="StopLine"/>; the trial process writes the watched metric's points and, on failure, one error line, then exits
/// with <see cref="Succeeded"/>, <see cref="Failed"/>, <see cref="DataMissing"/> or <see cref="Stopped"/>.
/// Anything else it prints (a library's chatter) is ignored.
/// </summary>
public static class TrialHostProtocol
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int DataMissing = 3;
    public const int Stopped = 4;

    public const string StopLine = "@stop";
    private const string MetricPrefix = "@metric\t";
    private const string ErrorPrefix = "@error\t";
    private const string LogPrefix = "@log\t";

    public static string MetricLine(string key, double value, long step) =>
        string.Create(CultureInfo.InvariantCulture, $"{MetricPrefix}{key}\t{value:R}\t{step}");

    // One line: the reason shown in the run's platform.error tag.
    public static string ErrorLine(string message) => ErrorPrefix + message.ReplaceLineEndings(" ");

    public static bool TryParseMetric(string line, out (string Key, double Value, long Step) point)
    {
        point = default;
        if (!line.StartsWith(MetricPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = line[MetricPrefix.Length..].Split('\t');
        if (parts.Length != 3
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var step))
        {
            return false;
        }

        point = (parts[0], value, step);
        return true;
    }

    /// <summary>A line of the job's log (<c>JobContext.Log</c>), which the agent writes to its own log.</summary>
    public static string LogLine(string message) => LogPrefix + message.ReplaceLineEndings(" ");

    public static bool TryParseLog(string line, out string message)
    {
        message = line.StartsWith(LogPrefix, StringComparison.Ordinal) ? line[LogPrefix.Length..] : "";
        return message.Length > 0;
    }

    public static bool TryParseError(string line, out string message)
    {
        message = line.StartsWith(ErrorPrefix, StringComparison.Ordinal) ? line[ErrorPrefix.Length..] : "";
        return message.Length > 0;
    }
}
