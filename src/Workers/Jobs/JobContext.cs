using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Contracts.Catalog;
using Platform.Workers.Data;
using Platform.Workers.Jobs.Checkpoints;

namespace Platform.Workers.Jobs;

/// <summary>
/// What a job gets from the worker: its validated hyperparameters, the data directory, a metric sink, where artifacts and
/// tags go, a log and the device to train on.
/// </summary>
public sealed class JobContext
{
    public required HyperparameterValues Hyperparameters { get; init; }

    public required DataDirectory Data { get; init; }

    public required IMetricSink Metrics { get; init; }

    /// <summary>Artifacts and tags; the worker stores them with the run. Optional so contexts built for metrics-only jobs stay valid.</summary>
    public IRunOutputs Outputs { get; init; } = DiscardingRunOutputs.Instance;

    /// <summary>Lines for the worker's log (what the job decided, e.g. to run without pretrained weights).</summary>
    public ILogger Log { get; init; } = NullLogger.Instance;

    /// <summary>The TorchSharp device name from configuration ("cpu", "cuda", "cuda:1").</summary>
    public string Device { get; init; } = "cpu";

    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Where the job resumes from and saves its state (model, optimiser, random generators, step), so a trial that is queued
    /// again continues on any worker. <see cref="JobCheckpoints.None"/> unless the worker provides a store.
    /// </summary>
    public JobCheckpoints Checkpoints { get; init; } = JobCheckpoints.None;
}
