using System.Diagnostics;
using System.Text.Json;
using Platform.Workers.Data;

namespace Platform.Workers.Agent.Isolation;

/// <summary>
/// The agent's side of a trial process: starts <c>platform trial-host</c>, hands it the invocation, relays the watched metric
/// and turns its exit into the job's result — normal return, <see cref="OperationCanceledException"/> when stopped, or an
/// exception carrying the reason. A stop asks the process to finish cooperatively and kills it (with its children) if it
/// has not exited within <see cref="KillAfter"/>; a crash of the process (a native fault) is only a failed trial.
/// </summary>
internal static class TrialProcess
{
    public static readonly TimeSpan KillAfter = TimeSpan.FromMilliseconds(500);

    // 128 + the signal number, as .NET reports a process ended by a signal on Unix.
    private const int KilledBySigkill = 128 + 9;
    private const int KilledBySigterm = 128 + 15;

    public static async Task RunAsync(
        TrialHostCommand command, TrialInvocation invocation, Action<string, double, long> onWatchedMetric, Action<string> onLog, CancellationToken stop)
    {
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        TrialRuntimeSettings.ApplyTo(start.Environment);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command.FileName}");
        string? error = null;
        var stdout = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (TrialHostProtocol.TryParseMetric(line, out var point))
                {
                    onWatchedMetric(point.Key, point.Value, point.Step);
                }
                else if (TrialHostProtocol.TryParseError(line, out var message))
                {
                    error = message;
                }
                else if (TrialHostProtocol.TryParseLog(line, out var logged))
                {
                    onLog(logged);
                }
            }
        });
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(invocation, JsonSerializerOptions.Web));
        await process.StandardInput.FlushAsync(CancellationToken.None);
        await using (stop.Register(() => RequestStop(process)))
        {
            await process.WaitForExitAsync(CancellationToken.None);
        }

        await stdout;
        var exitCode = process.ExitCode;
        if (stop.IsCancellationRequested && exitCode != TrialHostProtocol.Succeeded)
        {
            throw new OperationCanceledException(stop);
        }

        switch (exitCode)
        {
            case TrialHostProtocol.Succeeded:
                return;
            case TrialHostProtocol.DataMissing:
                throw new DataFileNotFoundException(error ?? "a data file is missing");
            case TrialHostProtocol.Failed when error is not null:
                throw new TrialProcessFailedException(error);
            case KilledBySigkill or KilledBySigterm:
                // Killed from outside (the OOM killer, an operator, a node drain): nothing wrong with the trial itself, so it is
                // queued again (counted as a retry) and resumes from its last checkpoint.
                throw new TrialProcessKilledException($"the trial process was killed (exit code {exitCode})");
            default:
                var lastLine = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
                throw new TrialProcessFailedException(
                    $"the trial process exited with code {exitCode}{(lastLine is null ? "" : $": {lastLine}")}");
        }
    }

    private static void RequestStop(Process process)
    {
        try
        {
            process.StandardInput.WriteLine(TrialHostProtocol.StopLine);
            process.StandardInput.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Already gone.
        }

        _ = Task.Delay(KillAfter).ContinueWith(_ =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or System.ComponentModel.Win32Exception)
            {
                // Exited meanwhile.
            }
        }, TaskScheduler.Default);
    }
}

/// <summary>A trial process that failed: the job's own error, or how the process ended.</summary>
public sealed class TrialProcessFailedException(string message) : Exception(message);

/// <summary>A trial process killed from outside (SIGKILL, SIGTERM) that the agent did not stop: the trial is worth another attempt.</summary>
public sealed class TrialProcessKilledException(string message) : Exception(message);
