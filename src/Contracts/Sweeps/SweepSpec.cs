namespace Platform.Contracts.Sweeps;

/// <summary>
/// A parsed sweep file: the W&amp;B sweep configuration plus the assignment it runs. Structurally valid, but not yet checked
/// against the catalog (see <see cref="SweepSpecValidator"/>). Parameters keep the order they were written in.
/// </summary>
public sealed record SweepSpec(
    string Assignment,
    int AssignmentLine,
    SweepMethod Method,
    IReadOnlyList<ParameterSpec> Parameters)
{
    /// <summary>Experiment name as written; see <see cref="ExperimentName"/> for the one to use.</summary>
    public string? Experiment { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public SweepMetric? Metric { get; init; }

    public EarlyTerminateSpec? EarlyTerminate { get; init; }

    public int? RunCap { get; init; }

    /// <summary>The <c>resources:</c> block as written (checked against the assignment's defaults by <see cref="SweepPlanner"/>).</summary>
    public IReadOnlyList<ResourceEntry> Resources { get; init; } = [];

    /// <summary>The experiment the sweep's runs are logged under; defaults to the assignment id.</summary>
    public string ExperimentName => Experiment ?? Assignment;
}

/// <summary>One entry of a sweep file's <c>resources:</c> block (<c>gpu: 0.25</c>) with its line.</summary>
public sealed record ResourceEntry(string Key, string Value, int Line);
