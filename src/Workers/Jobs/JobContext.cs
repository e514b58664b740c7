using Platform.Contracts.Catalog;
using Platform.Workers.Data;

namespace Platform.Workers.Jobs;

/// <summary>What a job gets from the worker: its validated hyperparameters, the data directory, metric and artifact sinks and the device to train on.</summary>
public sealed class JobContext
{
    public required HyperparameterValues Hyperparameters { get; init; }

    public required DataDirectory Data { get; init; }

    public required IMetricSink Metrics { get; init; }

    public IArtifactSink Artifacts { get; init; } = DiscardingArtifactSink.Instance;

    /// <summary>The TorchSharp device name from configuration ("cpu", "cuda", "cuda:1").</summary>
    public string Device { get; init; } = "cpu";

    public CancellationToken Cancellation { get; init; }
}
