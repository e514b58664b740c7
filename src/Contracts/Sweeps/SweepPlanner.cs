using Platform.Contracts.Catalog;
using Platform.Contracts.Validation;

namespace Platform.Contracts.Sweeps;

/// <summary>The one call the API makes for a submitted sweep file: parse, check against the catalog, expand.</summary>
public static class SweepPlanner
{
    /// <summary>
    /// Throws <see cref="PlatformValidationException"/>: first with every structural error of the file, or, once it is
    /// well-formed, with every error against the assignment.
    /// </summary>
    public static SweepPlan Plan(string yaml, IReadOnlyList<AssignmentDescriptor>? catalog = null)
    {
        var spec = SweepSpecParser.Parse(yaml);
        var assignment = SweepSpecValidator.Validate(spec, catalog);
        var errors = new List<ValidationError>();
        var needs = ResourceRequest.Resolve(
            spec.Resources.ToDictionary(r => r.Key, r => r.Value), assignment.DefaultNeeds, errors,
            key => spec.Resources.FirstOrDefault(r => r.Key == key)?.Line);
        if (errors.Count > 0)
        {
            throw new PlatformValidationException(errors);
        }

        var trials = spec.Method == SweepMethod.Grid ? GridExpander.Expand(spec, assignment) : [];
        return new SweepPlan(spec, assignment, spec.ExperimentName, trials, yaml) { Needs = needs };
    }
}
