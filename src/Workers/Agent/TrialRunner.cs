using Microsoft.Extensions.Logging;
using Platform.Contracts.Catalog;
using Platform.Contracts.Client;
using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Platform.Workers.Data;
using Platform.Workers.Jobs;

namespace Platform.Workers.Agent;

/// <summary>
/// Runs one leased trial: marks it running, trains on a dedicated thread, ships its metrics in batches and reports the outcome.
/// Any failure of the job becomes a FAILED run with a one-line reason; the agent itself never goes down with a trial.
/// </summary>
public sealed class TrialRunner(
    IGrainFactory grains,
    TrackingClient tracking,
    WorkerAgentOptions options,
    ILogger<TrialRunner> logger)
{
    public async Task RunAsync(TrialLease lease, CancellationToken ct)
    {
        var runId = lease.Trial.RunId;
        var trial = grains.GetGrain<ITrialGrain>(runId);
        TrialOutcome outcome;
        try
        {
            var job = JobRegistry.Find(lease.Trial.Assignment)
                      ?? throw new InvalidOperationException($"this worker has no job '{lease.Trial.Assignment}'");
            var values = HyperparameterBinder.Bind(job.Descriptor, lease.Trial.Params);
            await trial.MarkRunning(options.WorkerId);
            logger.LogInformation("Training {RunId} ({Assignment}) on {Device}", runId, lease.Trial.Assignment, options.Device);

            await using (var metrics = new BatchingMetricLogger(tracking, runId))
            {
                var context = new JobContext
                {
                    Hyperparameters = values,
                    Data = DataDirectory.Resolve(options.DataDirectory),
                    Metrics = new BatchingMetricSink(metrics),
                    Device = options.Device,
                    Cancellation = ct,
                };

                // A dedicated thread: training is synchronous and TorchSharp's dispose scopes are thread-static.
                await Task.Factory.StartNew(() => job.Run(context), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }

            outcome = new TrialOutcome(RunStatus.FINISHED);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            outcome = new TrialOutcome(RunStatus.KILLED, "the worker stopped while the trial was running");
        }
        catch (DataFileNotFoundException e)
        {
            outcome = new TrialOutcome(RunStatus.FAILED, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Trial {RunId} failed", runId);
            outcome = new TrialOutcome(RunStatus.FAILED, $"{e.GetType().Name}: {e.Message}");
        }

        await trial.Complete(outcome);
    }

    private sealed class BatchingMetricSink(BatchingMetricLogger logger) : IMetricSink
    {
        public void Log(string key, double value, long step) => logger.Log(key, value, step);
    }
}
