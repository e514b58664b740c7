using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Platform.Silo.Tests.Infrastructure;

/// <summary>Keeps every log message of a test host as <c>"{level} {category}: {message} {exception}"</c>, for tests of what is logged.</summary>
internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, logs);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
