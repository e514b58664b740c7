using System.Globalization;
using Platform.Contracts.Catalog;
using Platform.Contracts.Sweeps;
using YamlDotNet.RepresentationModel;

namespace Platform.Silo.Sweeps.Search;

/// <summary>
/// The parameters of a validated sweep, resolved against its assignment: one <see cref="SearchDimension"/> per swept
/// parameter (file order) and the assignment's defaults for everything else, so every suggestion is a complete set.
/// </summary>
public sealed class SearchSpace
{
    private SearchSpace(IReadOnlyList<SearchDimension> dimensions, IReadOnlyDictionary<string, string> defaults)
    {
        Dimensions = dimensions;
        Defaults = defaults;
    }

    public IReadOnlyList<SearchDimension> Dimensions { get; }

    public IReadOnlyDictionary<string, string> Defaults { get; }

    /// <summary>
    /// Builds the space of a sweep that passed <see cref="SweepSpecValidator"/>; throws <see cref="ArgumentException"/>
    /// for anything the validator would have rejected (unknown names, nested groups, literals that do not canonicalize).
    /// </summary>
    public static SearchSpace Create(SweepSpec spec, AssignmentDescriptor assignment)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(assignment);
        var dimensions = new List<SearchDimension>();
        foreach (var parameter in spec.Parameters)
        {
            var descriptor = assignment.FindHyperparameter(parameter.Name);
            if (parameter.IsGroup || descriptor is null || parameter.Distribution is not { } distribution)
            {
                throw new ArgumentException($"{parameter.Path} is not a hyperparameter of {assignment.Id}; validate the sweep first", nameof(spec));
            }

            dimensions.Add(parameter.DiscreteValues is { } literals
                ? Categorical(parameter, descriptor, literals)
                : new NumericDimension(parameter.Name, descriptor, distribution,
                    parameter.Min?.Value ?? 0, parameter.Max?.Value ?? 0,
                    parameter.Mu?.Value ?? 0, parameter.Sigma?.Value ?? 1, parameter.Q?.Value ?? 1));
        }

        var defaults = HyperparameterBinder.Bind(assignment, new Dictionary<string, string>()).Canonical;
        return new SearchSpace(dimensions, defaults);
    }

    /// <summary>The defaults overlaid with <paramref name="values"/>: a complete canonical set.</summary>
    public IReadOnlyDictionary<string, string> Complete(IReadOnlyDictionary<string, string> values)
    {
        var result = new Dictionary<string, string>(Defaults);
        foreach (var (name, value) in values)
        {
            result[name] = value;
        }

        return result;
    }

    /// <summary>
    /// The canonical string for a sampled number, or null when the hyperparameter's range rejects it (the caller redraws).
    /// Integers are rounded to the nearest whole number (half to even, as numpy, which W&amp;B uses).
    /// </summary>
    public static string? Canonicalize(NumericDimension dimension, double value)
    {
        if (!double.IsFinite(value))
        {
            return null;
        }

        string text;
        if (dimension.Descriptor.Type == HyperparameterType.Int)
        {
            var rounded = Math.Round(value);
            if (Math.Abs(rounded) >= 1e15)
            {
                return null;
            }

            text = ((long)rounded).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            // round(x / q) * q leaves binary noise (0.30000000000000004); 15 significant digits is the value W&B meant.
            var clean = dimension.IsQuantized ? double.Parse(value.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value;
            text = HyperparameterBinder.FormatFloat(clean);
        }

        return HyperparameterBinder.TryCanonicalize(dimension.Descriptor, new YamlScalarNode(text), out var canonical, out _) ? canonical : null;
    }

    private static CategoricalDimension Categorical(ParameterSpec parameter, HyperparameterDescriptor descriptor, IReadOnlyList<SweepValue> literals)
    {
        var choices = new List<string>(literals.Count);
        foreach (var literal in literals)
        {
            if (!HyperparameterBinder.TryCanonicalize(descriptor, literal.Node, out var canonical, out var error))
            {
                throw new ArgumentException($"{parameter.Path}: {error}; validate the sweep first", nameof(parameter));
            }

            choices.Add(canonical);
        }

        var probabilities = parameter.Probabilities is { Count: > 0 } given && given.Count == choices.Count
            ? given
            : Enumerable.Repeat(1.0 / choices.Count, choices.Count).ToArray();
        return new CategoricalDimension(parameter.Name, descriptor, choices, probabilities);
    }
}
