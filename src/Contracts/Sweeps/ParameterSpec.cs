namespace Platform.Contracts.Sweeps;

/// <summary>
/// One entry under <c>parameters</c>. <see cref="Distribution"/> is as written or, when omitted, inferred the way W&amp;B does
/// (value: constant, values: categorical, integer min/max: int_uniform, other min/max: uniform). It is null only for a
/// nested group, whose members are in <see cref="Parameters"/>.
/// </summary>
public sealed record ParameterSpec(string Name, string Path, int Line)
{
    public ParameterDistribution? Distribution { get; init; }

    public SweepValue? Value { get; init; }

    public IReadOnlyList<SweepValue>? Values { get; init; }

    public SweepNumber? Min { get; init; }

    public SweepNumber? Max { get; init; }

    public SweepNumber? Mu { get; init; }

    public SweepNumber? Sigma { get; init; }

    public SweepNumber? Q { get; init; }

    public IReadOnlyList<double>? Probabilities { get; init; }

    /// <summary>Members of a nested group (W&amp;B nests them in the run config); null for an ordinary parameter.</summary>
    public IReadOnlyList<ParameterSpec>? Parameters { get; init; }

    public bool IsGroup => Parameters is not null;

    /// <summary>The literals a grid iterates over: the single <c>value</c>, or the <c>values</c> list; null for distributions and groups.</summary>
    public IReadOnlyList<SweepValue>? DiscreteValues => Value is { } value ? [value] : Values;
}
