using System.Text.Json;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Catalog;
using Platform.Contracts.Client;
using Platform.Workers.Data;
using Platform.Workers.Jobs;
using Platform.Workers.Jobs.Checkpoints;

namespace Platform.Workers.Agent.Isolation;

/// <summary>
/// The trial process (<c>platform trial-host</c>): reads a <see cref="TrialInvocation"/>, trains, ships its metrics to the
/// platform's API itself, echoes the watched metric to its agent, and exits with a <see cref="TrialHostProtocol"/> code.
/// A "@stop" line from the agent cancels the job cooperatively, so its metrics so far are flushed before it exits.
/// </summary>
public static class TrialProcessHost
{
    public static async Task<int> RunAsync(TextReader input, TextWriter output)
    {
        var invocation = await input.ReadLineAsync() is { } json
            ? JsonSerializer.Deserialize<TrialInvocation>(json, JsonSerializerOptions.Web)
            : null;
        if (invocation is null)
        {
            await output.WriteLineAsync(TrialHostProtocol.ErrorLine("no trial invocation on standard input"));
            return TrialHostProtocol.Failed;
        }

        using var stop = new CancellationTokenSource();
        // On a thread of its own: Console.In reads block even through ReadLineAsync.
        _ = Task.Run(() => WatchForStopAsync(input, stop));
        var lines = TextWriter.Synchronized(output);
        try
        {
            await RunJobAsync(invocation, lines, new ProtocolLogger(lines), stop.Token);
            return TrialHostProtocol.Succeeded;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return TrialHostProtocol.Stopped;
        }
        catch (DataFileNotFoundException e)
        {
            lines.WriteLine(TrialHostProtocol.ErrorLine(e.Message));
            return TrialHostProtocol.DataMissing;
        }
        catch (Exception e)
        {
            lines.WriteLine(TrialHostProtocol.ErrorLine($"{e.GetType().Name}: {e.Message}"));
            return TrialHostProtocol.Failed;
        }
        finally
        {
            await lines.FlushAsync();
        }
    }

    private static async Task RunJobAsync(TrialInvocation invocation, TextWriter lines, ILogger log, CancellationToken stop)
    {
        var job = JobRegistry.Find(invocation.Assignment)
                  ?? throw new InvalidOperationException($"this worker has no job '{invocation.Assignment}'");
        var values = HyperparameterBinder.Bind(job.Descriptor, invocation.Params);
        using var http = PlatformHttpClient.Create(invocation.ApiAddresses, invocation.ApiToken);

        var tracking = new TrackingClient(http);
        await using var metrics = new BatchingMetricLogger(tracking, invocation.RunId);
        var context = new JobContext
        {
            Hyperparameters = values,
            Data = DataDirectory.Resolve(invocation.DataDirectory),
            Metrics = new EchoingMetricSink(metrics, lines, invocation.WatchMetric),
            Outputs = new TrackingRunOutputs(tracking, invocation.RunId, stop),
            Log = log,
            Device = invocation.Device,
            Cancellation = stop,
            Checkpoints = new JobCheckpoints(
                new TrackingCheckpointStore(tracking, invocation.RunId, metrics.FlushAsync, stop), invocation.CheckpointInterval ?? Timeout.InfiniteTimeSpan),
        };

        await job.RunOnOwnThreadAsync(context);
    }

    private static async Task WatchForStopAsync(TextReader input, CancellationTokenSource stop)
    {
        // The agent closing our input (it died) also stops the trial: nobody would receive its outcome.
        while (await input.ReadLineAsync() is { } line && line != TrialHostProtocol.StopLine)
        {
        }

        await stop.CancelAsync();
    }

    /// <summary>Sends the job's log lines of level Information and above to the agent.</summary>
    private sealed class ProtocolLogger(TextWriter lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.WriteLine(TrialHostProtocol.LogLine($"{logLevel}: {formatter(state, exception)}"));
            }
        }
    }

    private sealed class EchoingMetricSink(BatchingMetricLogger logger, TextWriter lines, string? watchMetric) : IMetricSink
    {
        public void Log(string key, double value, long step)
        {
            logger.Log(key, value, step);
            if (key == watchMetric)
            {
                lines.WriteLine(TrialHostProtocol.MetricLine(key, value, step));
                lines.Flush();
            }
        }
    }
}
