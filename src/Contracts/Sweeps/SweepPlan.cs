using Platform.Contracts.Catalog;
using Platform.Contracts.Grains;

namespace Platform.Contracts.Sweeps;

/// <summary>
/// A sweep file that passed every check: the spec, its assignment, the experiment its runs go to and, for grid sweeps,
/// the expanded trials (empty for random and bayes, which the sweep engine samples as it goes).
/// </summary>
public sealed record SweepPlan(
    SweepSpec Spec,
    AssignmentDescriptor Assignment,
    string ExperimentName,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Trials,
    string Yaml)
{
    /// <summary>What each trial needs of a worker: the file's <c>resources:</c> over the assignment's defaults.</summary>
    public ResourceNeeds Needs { get; init; } = ResourceNeeds.CpuOnly;

    /// <summary>The grain-facing form of the plan.</summary>
    public SweepDefinition ToDefinition() => new(Assignment.Id, ExperimentName, Yaml, Trials);
}
