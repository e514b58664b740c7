using Microsoft.Extensions.Logging;
using Platform.Contracts.Catalog;
using Platform.Contracts.Client;
using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Platform.Workers.Agent.Isolation;
using Platform.Workers.Data;
using Platform.Workers.Jobs;
using Platform.Workers.Jobs.Checkpoints;

namespace Platform.Workers.Agent;

/// <summary>
/// Runs one leased trial: marks it running, trains — in its own process when <see cref="WorkerAgentOptions.TrialHost"/> is
/// set (<see cref="TrialProcess"/>), else on a dedicated thread — while a <see cref="TrialSupervisor"/> heartbeats and
/// relays the sweep's metric, ships its metrics and log lines (<see cref="RunLogRelay"/>) in batches and reports the outcome.
/// Any failure of the job becomes a FAILED run with a one-line reason; a stop from the platform cancels the job through
/// <see cref="JobContext.Cancellation"/>; a worker that shuts down hands the trial back (a retryable outcome). The agent itself
/// never goes down with a trial.
/// </summary>
public sealed class TrialRunner(
    IGrainFactory grains,
    TrackingClient tracking,
    PlatformClient platform,
    WorkerAgentOptions options,
    ILogger<TrialRunner> logger)
{
    public async Task RunAsync(TrialLease lease, CancellationToken ct)
    {
        var runId = lease.Trial.RunId;
        var trial = grains.GetGrain<ITrialGrain>(runId);
        using var stopJob = CancellationTokenSource.CreateLinkedTokenSource(ct);
        TrialSupervisor? supervisor = null;
        BatchingRunLogger? runLog = null;
        TrialOutcome outcome;
        try
        {
            var job = JobRegistry.Find(lease.Trial.Assignment)
                      ?? throw new InvalidOperationException($"this worker has no job '{lease.Trial.Assignment}'");
            var values = HyperparameterBinder.Bind(job.Descriptor, lease.Trial.Params);
            TrialDirective started;
            try
            {
                started = await trial.MarkRunning(options.WorkerId);
            }
            catch (Exception e)
            {
                // The platform could not record the start (its store briefly down, a silo lost): not the trial's fault, so it
                // goes back to the queue instead of failing. The slot stays taken a moment, as after a failed lease request: a
                // database outage fails a start at once, and the agent would otherwise lease and hand back trials in a tight loop.
                await ReportAsync(trial, new TrialOutcome(RunStatus.KILLED, $"could not start: {e.Message}", Retryable: true));
                await Task.Delay(options.PollInterval * 5, CancellationToken.None); // 1 s by default, also when stopping
                return;
            }

            if (started.Stop)
            {
                return; // cancelled or re-leased meanwhile: nothing to run, nothing to report
            }

            var device = GpuInventory.DeviceFor(lease.Grant, options.Device);
            await TransientRetry.RunAsync(c => tracking.SetTagAsync(runId, TrialTags.Device, device, c), ct);
            logger.LogInformation("Training {RunId} ({Assignment}) on {Device}{Isolation}", runId, lease.Trial.Assignment, device,
                options.TrialHost is null ? " in the agent's process" : " in its own process");
            runLog = new BatchingRunLogger(platform, runId, options.WorkerId);
            supervisor = new TrialSupervisor(trial, options.WorkerId, lease.Trial.WatchMetric, options.HeartbeatInterval, stopJob, logger);
            if (options.TrialHost is { } host)
            {
                var invocation = new TrialInvocation(
                    runId, lease.Trial.Assignment, lease.Trial.Params, options.DataDirectory, device, options.ApiAddresses, lease.Trial.WatchMetric,
                    options.ApiToken, options.CheckpointInterval);
                await TrialProcess.RunAsync(
                    host, invocation, supervisor.Observe, RunLogRelay.Lines(logger, runId, runLog), stopJob.Token);
            }
            else
            {
                await RunInThisProcessAsync(job, values, runId, device, supervisor, new RunLogRelay(logger, runLog), stopJob.Token);
            }

            outcome = new TrialOutcome(RunStatus.FINISHED);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Whatever the job ran into while the worker stops (its API going away, say) says nothing about the trial.
            outcome = new TrialOutcome(RunStatus.KILLED, "the worker stopped while the trial was running", Retryable: true);
        }
        catch (OperationCanceledException) when (stopJob.IsCancellationRequested)
        {
            outcome = new TrialOutcome(RunStatus.KILLED, supervisor?.StopReason);
        }
        catch (TrialProcessKilledException e)
        {
            outcome = new TrialOutcome(RunStatus.FAILED, e.Message, Retryable: true);
        }
        catch (Exception e) when (e is DataFileNotFoundException or TrialProcessFailedException)
        {
            outcome = new TrialOutcome(RunStatus.FAILED, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Trial {RunId} failed", runId);
            outcome = new TrialOutcome(RunStatus.FAILED, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (runLog is not null)
            {
                await runLog.DisposeAsync(); // the job's last lines are stored before its outcome
            }

            if (supervisor is not null)
            {
                await supervisor.DisposeAsync();
            }
        }

        await ReportAsync(trial, outcome);
    }

    private async Task RunInThisProcessAsync(IAssignmentJob job, HyperparameterValues values, string runId, string device,
        TrialSupervisor supervisor, ILogger log, CancellationToken stop)
    {
        await using var metrics = new BatchingMetricLogger(tracking, runId);
        var context = new JobContext
        {
            Hyperparameters = values,
            Data = DataDirectory.Resolve(options.DataDirectory),
            Metrics = new RelayingMetricSink(metrics, supervisor),
            Outputs = new TrackingRunOutputs(tracking, runId, stop),
            Log = log,
            Device = device,
            Cancellation = stop,
            Checkpoints = new JobCheckpoints(new TrackingCheckpointStore(tracking, runId, metrics.FlushAsync, stop), options.CheckpointInterval),
        };

        await job.RunOnOwnThreadAsync(context);
    }

    /// <summary>How long an outcome is re-sent while the platform cannot record it (a database restart, a silo failing over).</summary>
    internal static readonly TimeSpan ReportPatience = TimeSpan.FromMinutes(2);

    private async Task ReportAsync(ITrialGrain trial, TrialOutcome outcome)
    {
        var deadline = DateTime.UtcNow + ReportPatience;
        for (var delay = TimeSpan.FromMilliseconds(500); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks)))
        {
            try
            {
                await trial.Complete(options.WorkerId, outcome);
                return;
            }
            catch (Exception e) when (outcome.Retryable)
            {
                // Shutting down with the silo: the stored lease outlives us and the trial is queued again when the platform restarts.
                logger.LogWarning("Could not hand back trial {RunId}: {Message}", trial.GetPrimaryKeyString(), e.Message);
                return;
            }
            catch (Exception e) when (DateTime.UtcNow + delay < deadline)
            {
                // The outcome is the training's result: keep it until the platform can record it (reports are idempotent).
                logger.LogWarning("Could not report trial {RunId} yet, retrying in {Delay}: {Message}", trial.GetPrimaryKeyString(), delay, e.Message);
                await Task.Delay(delay);
            }
        }
    }

    private sealed class RelayingMetricSink(BatchingMetricLogger logger, TrialSupervisor supervisor) : IMetricSink
    {
        public void Log(string key, double value, long step)
        {
            logger.Log(key, value, step);
            supervisor.Observe(key, value, step);
        }
    }
}
