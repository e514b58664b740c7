using Microsoft.Extensions.Logging;
using Platform.Contracts.Client;

namespace Platform.Workers.Agent;

/// <summary>
/// A trial's log lines (<c>JobContext.Log</c>, or the <c>@log</c> lines of its process) go to the agent's own log, as before,
/// and to the run's log on the platform, which the dashboard's Logs tab shows.
/// </summary>
internal sealed class RunLogRelay(ILogger agentLog, BatchingRunLogger runLog) : ILogger
{
    /// <summary>For lines that arrive already formatted (<c>level: message</c>) from a trial process.</summary>
    public static Action<string> Lines(ILogger agentLog, string runId, BatchingRunLogger runLog) => line =>
    {
        agentLog.LogInformation("Trial {RunId}: {Line}", runId, line);
        runLog.Log(line);
    };

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        agentLog.Log(logLevel, eventId, state, exception, formatter);
        // The same form as a trial process's lines, so the Logs tab reads alike whichever way the trial ran.
        runLog.Log($"{logLevel}: {formatter(state, exception)}");
    }
}
