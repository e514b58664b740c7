using Platform.Contracts.Catalog;
using Platform.Workers.Data;
using Platform.Workers.Jobs;

namespace Platform.Workers.Tests.Support;

/// <summary>A job context bound the way the worker binds one: raw values over the descriptor's defaults, the test data directory.</summary>
public static class JobContexts
{
    public static JobContext For(
        AssignmentDescriptor descriptor, IMetricSink metrics, IReadOnlyDictionary<string, string>? raw = null,
        string? dataDirectory = null, CancellationToken cancellation = default, IRunOutputs? outputs = null) => new()
    {
        Hyperparameters = HyperparameterBinder.Bind(descriptor, raw ?? new Dictionary<string, string>()),
        Data = dataDirectory is null ? TestData.DataDirectory : new DataDirectory(dataDirectory),
        Metrics = metrics,
        Outputs = outputs ?? DiscardingRunOutputs.Instance,
        Cancellation = cancellation,
    };
}
