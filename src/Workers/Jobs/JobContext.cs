using Platform.Contracts.Catalog;
using Platform.Workers.Data;

namespace Platform.Workers.Jobs;

/// <summary>What a job gets from the worker: its validated hyperparameters, the data directory, a metric sink and the device to train on.</summary>
public sealed class JobContext
{
    public required HyperparameterValues Hyperparameters { get; init; }

    public required DataDirectory Data { get; init; }

    public required IMetricSink Metrics { get; init; }

    /// <summary>The TorchSharp device name from configuration ("cpu", "cuda", "cuda:1").</summary>
    public string Device { get; init; } = "cpu";

    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Sets a tag on the run (key, value), e.g. how a job substituted missing data. Blocks until stored, so call it outside
    /// training loops. Outside the platform (tests, benchmarks) it does nothing unless the caller supplies it.
    /// </summary>
    public Action<string, string> SetTag { get; init; } = static (_, _) => { };
}
