using Platform.Contracts.Catalog;
using Platform.Contracts.Validation;

namespace Platform.Contracts.Sweeps;

/// <summary>Expands a grid sweep into its trials: complete canonical hyperparameter sets, ready to submit as runs.</summary>
public static class GridExpander
{
    /// <summary>Upper bound on a grid's size (after run_cap), so a typo in a sweep file cannot allocate millions of trials.</summary>
    public const int MaxTrials = 10_000;

    /// <summary>
    /// The cartesian product of every parameter's <c>value</c>/<c>values</c>, in file order with the last parameter varying
    /// fastest (as W&amp;B does), each trial filled up with the assignment's defaults and cut to <c>run_cap</c>.
    /// Throws <see cref="PlatformValidationException"/> if the spec is not a valid grid for <paramref name="assignment"/>.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Expand(SweepSpec spec, AssignmentDescriptor assignment)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(assignment);
        if (spec.Method != SweepMethod.Grid)
        {
            throw new PlatformValidationException("method", $"only method grid is expanded up front, got {spec.Method.Name()}");
        }

        var errors = new List<ValidationError>();
        var reader = new SweepYamlReader();
        SweepSpecParser.RequireDiscrete(spec.Parameters, reader);
        errors.AddRange(reader.Errors);
        var axes = SweepSpecValidator.Canonicalize(spec, assignment, errors);
        if (errors.Count == 0)
        {
            CheckSize(spec, axes, errors);
        }

        SweepSpecValidator.ThrowIfAny(errors);

        // Bind with nothing set yields exactly the defaults, through the same path as a single run.
        var defaults = HyperparameterBinder.Bind(assignment, new Dictionary<string, string>()).Canonical;
        var total = axes.Aggregate(1L, (product, axis) => product * axis.Canonical!.Count);
        var count = (int)Math.Min(total, spec.RunCap ?? int.MaxValue);
        var trials = new List<IReadOnlyDictionary<string, string>>(count);
        for (var index = 0; index < count; index++)
        {
            var trial = new Dictionary<string, string>(defaults);
            var rest = index;
            for (var a = axes.Count - 1; a >= 0; a--)
            {
                var values = axes[a].Canonical!;
                trial[axes[a].Parameter.Name] = values[rest % values.Count];
                rest /= values.Count;
            }

            trials.Add(trial);
        }

        return trials;
    }

    private static void CheckSize(SweepSpec spec, IReadOnlyList<(ParameterSpec Parameter, IReadOnlyList<string>? Canonical)> axes, List<ValidationError> errors)
    {
        // A double cannot overflow here and is exact far beyond the limit.
        var total = axes.Aggregate(1.0, (product, axis) => product * axis.Canonical!.Count);
        if (Math.Min(total, spec.RunCap ?? double.MaxValue) > MaxTrials)
        {
            errors.Add(new ValidationError("parameters",
                $"the grid has {total.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} trials, more than the limit of {MaxTrials}; set run_cap or use fewer values"));
        }
    }
}
