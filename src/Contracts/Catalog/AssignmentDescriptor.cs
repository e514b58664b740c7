namespace Platform.Contracts.Catalog;

/// <summary>An assignment as a job type: its hyperparameter schema, the metric keys it logs and the data files it reads.</summary>
[GenerateSerializer, Immutable, Alias("Platform.AssignmentDescriptor")]
public sealed record AssignmentDescriptor(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] IReadOnlyList<HyperparameterDescriptor> Hyperparameters,
    [property: Id(3)] IReadOnlyList<string> MetricKeys,
    [property: Id(4)] IReadOnlyList<string> DataFiles)
{
    /// <summary>
    /// Rules across hyperparameters, checked by <see cref="HyperparameterBinder"/> once every value is bound: each problem as
    /// (the hyperparameter to name in the error, message). Not serialized: binding always uses the catalog's own descriptors.
    /// </summary>
    [field: NonSerialized]
    [System.Text.Json.Serialization.JsonIgnore]
    public Func<HyperparameterValues, IEnumerable<(string Name, string Message)>>? CrossFieldCheck { get; init; }

    /// <summary>
    /// What a trial of this assignment needs of a worker unless its run or sweep says otherwise (<see cref="ResourceRequest"/>):
    /// one CPU slot by default. The scheduler never asks a worker for more CPU slots than it has (a smaller worker gives all of its).
    /// </summary>
    [Id(5)]
    public Grains.ResourceNeeds DefaultNeeds { get; init; } = Grains.ResourceNeeds.CpuOnly;

    public HyperparameterDescriptor? FindHyperparameter(string name) =>
        Hyperparameters.FirstOrDefault(h => h.Name == name);
}
