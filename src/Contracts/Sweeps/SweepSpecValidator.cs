using Platform.Contracts.Catalog;
using Platform.Contracts.Validation;

namespace Platform.Contracts.Sweeps;

/// <summary>
/// Checks a parsed sweep against its assignment in the catalog: the assignment exists, every parameter is one of its
/// hyperparameters, every literal canonicalizes through <see cref="HyperparameterBinder"/>, distribution ranges stay inside
/// the hyperparameter's bounds, and the metric is one the assignment logs.
/// </summary>
public static class SweepSpecValidator
{
    /// <summary>Returns the sweep's assignment. Throws <see cref="PlatformValidationException"/> listing every problem.</summary>
    public static AssignmentDescriptor Validate(SweepSpec spec, IReadOnlyList<AssignmentDescriptor>? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        catalog ??= AssignmentCatalog.All;
        var assignment = catalog.FirstOrDefault(a => a.Id == spec.Assignment)
            ?? throw new PlatformValidationException([new ValidationError("assignment",
                $"unknown assignment '{spec.Assignment}' (known: {string.Join(", ", catalog.Select(a => a.Id))})", spec.AssignmentLine)]);
        var errors = new List<ValidationError>();
        Canonicalize(spec, assignment, errors);
        ThrowIfAny(errors);
        return assignment;
    }

    /// <summary>
    /// Validates against <paramref name="assignment"/> and returns, per non-group parameter in file order, its canonical literals
    /// (null for a distribution). Errors are appended, not thrown, so callers can report them together.
    /// </summary>
    internal static IReadOnlyList<(ParameterSpec Parameter, IReadOnlyList<string>? Canonical)> Canonicalize(
        SweepSpec spec, AssignmentDescriptor assignment, List<ValidationError> errors)
    {
        var result = new List<(ParameterSpec, IReadOnlyList<string>?)>();
        var known = string.Join(", ", assignment.Hyperparameters.Select(h => h.Name));
        foreach (var parameter in spec.Parameters)
        {
            var descriptor = assignment.FindHyperparameter(parameter.Name);
            if (parameter.IsGroup)
            {
                errors.Add(new ValidationError(parameter.Path,
                    $"nested parameter groups are not supported by {assignment.Id}; its hyperparameters are flat (known: {known})", parameter.Line));
            }
            else if (descriptor is null)
            {
                // Same wording as HyperparameterBinder.Bind, so `--set` and sweep files read alike.
                errors.Add(new ValidationError(parameter.Path,
                    $"unknown hyperparameter '{parameter.Name}' for {assignment.Id} (known: {known})", parameter.Line));
            }
            else if (parameter.DiscreteValues is { } literals)
            {
                result.Add((parameter, CanonicalizeLiterals(parameter, descriptor, literals, errors)));
            }
            else
            {
                DistributionRangeCheck.Check(parameter, descriptor, errors);
                result.Add((parameter, null));
            }
        }

        if (spec.Metric is { } metric && !assignment.MetricKeys.Contains(metric.Name))
        {
            errors.Add(new ValidationError("metric.name",
                $"unknown metric '{metric.Name}' for {assignment.Id} (known: {string.Join(", ", assignment.MetricKeys)})", metric.NameLine));
        }

        return result;
    }

    private static IReadOnlyList<string> CanonicalizeLiterals(
        ParameterSpec parameter, HyperparameterDescriptor descriptor, IReadOnlyList<SweepValue> literals, List<ValidationError> errors)
    {
        var canonical = new List<string>();
        var firstIndex = new Dictionary<string, int>();
        for (var i = 0; i < literals.Count; i++)
        {
            var path = parameter.Value is not null ? $"{parameter.Path}.value" : $"{parameter.Path}.values[{i}]";
            if (!HyperparameterBinder.TryCanonicalize(descriptor, literals[i].Node, out var value, out var error))
            {
                errors.Add(new ValidationError(path, error, literals[i].Line));
                continue;
            }

            // "0.01" and "1e-2" are the same run; a grid would train it twice.
            if (firstIndex.TryGetValue(value, out var first))
            {
                errors.Add(new ValidationError(path, $"duplicates values[{first}] (both are {value})", literals[i].Line));
                continue;
            }

            firstIndex[value] = i;
            canonical.Add(value);
        }

        return canonical;
    }

    internal static void ThrowIfAny(List<ValidationError> errors)
    {
        if (errors.Count > 0)
        {
            throw new PlatformValidationException(errors.OrderBy(e => e.Line ?? 0).ToArray());
        }
    }
}
