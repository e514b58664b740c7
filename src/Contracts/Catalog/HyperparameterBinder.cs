using System.Globalization;
using Platform.Contracts.Validation;
using YamlDotNet.RepresentationModel;

namespace Platform.Contracts.Catalog;

/// <summary>
/// Turns user-supplied hyperparameters (YAML scalars or flow lists, as typed after <c>--set name=</c> or in a sweep file)
/// into a complete canonical set: unknown names, wrong types and out-of-range values are rejected with the parameter named.
/// </summary>
public static class HyperparameterBinder
{
    /// <summary>
    /// Binds <paramref name="raw"/> over the assignment's defaults, then applies its cross-field check. Throws
    /// <see cref="PlatformValidationException"/> listing every problem.
    /// </summary>
    public static HyperparameterValues Bind(AssignmentDescriptor assignment, IReadOnlyDictionary<string, string> raw, string pathPrefix = "params")
    {
        var errors = new List<ValidationError>();
        var result = assignment.Hyperparameters.ToDictionary(h => h.Name, h => h.Default);
        foreach (var (name, text) in raw)
        {
            var path = $"{pathPrefix}.{name}";
            var descriptor = assignment.FindHyperparameter(name);
            if (descriptor is null)
            {
                errors.Add(new ValidationError(path,
                    $"unknown hyperparameter '{name}' for {assignment.Id} (known: {string.Join(", ", assignment.Hyperparameters.Select(h => h.Name))})"));
                continue;
            }

            if (TryCanonicalize(descriptor, text, out var canonical, out var error))
            {
                result[name] = canonical;
            }
            else
            {
                errors.Add(new ValidationError(path, error));
            }
        }

        if (errors.Count == 0 && assignment.CrossFieldCheck is { } check)
        {
            errors.AddRange(check(new HyperparameterValues(result)).Select(e => new ValidationError($"{pathPrefix}.{e.Name}", e.Message)));
        }

        if (errors.Count > 0)
        {
            throw new PlatformValidationException(errors);
        }

        return new HyperparameterValues(result);
    }

    /// <summary>Parses one value given as YAML text and returns its canonical string, or a message saying what is wrong.</summary>
    public static bool TryCanonicalize(HyperparameterDescriptor descriptor, string text, out string canonical, out string error)
    {
        canonical = "";
        error = "";
        YamlNode node;
        try
        {
            node = ParseYaml(text);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidOperationException)
        {
            // InvalidOperationException: YamlDotNet's scanner on some unterminated flow collections, e.g. "[1, 2".
            error = $"'{Shorten(text)}' is not a YAML value: {e.Message}";
            return false;
        }

        return TryCanonicalize(descriptor, node, out canonical, out error);
    }

    /// <summary>Same as the text overload, for a value that is already a YAML node (sweep files).</summary>
    public static bool TryCanonicalize(HyperparameterDescriptor descriptor, YamlNode node, out string canonical, out string error)
    {
        canonical = "";
        error = "";
        switch (descriptor.Type)
        {
            case HyperparameterType.IntList or HyperparameterType.FloatList:
                if (node is not YamlSequenceNode sequence)
                {
                    error = $"expected a list such as [12288, 20, 7, 5, 1], got '{Describe(node)}'";
                    return false;
                }

                var items = new List<string>();
                foreach (var item in sequence.Children)
                {
                    var elementType = descriptor.Type == HyperparameterType.IntList ? HyperparameterType.Int : HyperparameterType.Float;
                    if (!TryScalar(descriptor, elementType, item, out var element, out error))
                    {
                        return false;
                    }

                    items.Add(element);
                }

                if (items.Count == 0)
                {
                    error = "expected a non-empty list";
                    return false;
                }

                if (descriptor.MustStartWith is { } start && double.Parse(items[0], CultureInfo.InvariantCulture) != start.Value)
                {
                    error = $"must start with the {start.Meaning} {start.Value.ToString(CultureInfo.InvariantCulture)}, got {items[0]}";
                    return false;
                }

                canonical = "[" + string.Join(", ", items) + "]";
                return true;
            default:
                return TryScalar(descriptor, descriptor.Type, node, out canonical, out error);
        }
    }

    private static bool TryScalar(HyperparameterDescriptor descriptor, HyperparameterType type, YamlNode node, out string canonical, out string error)
    {
        canonical = "";
        error = "";
        if (node is not YamlScalarNode { Value: { } value })
        {
            error = $"expected a single {TypeName(type)}, got '{Describe(node)}'";
            return false;
        }

        switch (type)
        {
            case HyperparameterType.Int:
                if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
                {
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 1e15)
                    {
                        integer = (long)d;
                    }
                    else
                    {
                        error = $"expected an integer, got '{value}'";
                        return false;
                    }
                }

                if (!InRange(descriptor, integer, out error))
                {
                    return false;
                }

                canonical = integer.ToString(CultureInfo.InvariantCulture);
                return true;
            case HyperparameterType.Float:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    error = $"expected a finite number, got '{value}'";
                    return false;
                }

                if (!InRange(descriptor, number, out error))
                {
                    return false;
                }

                canonical = FormatFloat(number);
                return true;
            case HyperparameterType.Bool:
                switch (value.ToLowerInvariant())
                {
                    case "true" or "yes" or "on":
                        canonical = "true";
                        return true;
                    case "false" or "no" or "off":
                        canonical = "false";
                        return true;
                    default:
                        error = $"expected true or false, got '{value}'";
                        return false;
                }

            default:
                if (descriptor.Choices is { Count: > 0 } choices && !choices.Contains(value))
                {
                    error = $"must be one of {string.Join(", ", choices)}; got '{value}'";
                    return false;
                }

                canonical = value;
                return true;
        }
    }

    /// <summary>Shortest round-trip form, always with a decimal point or exponent so a float never reads back as an int.</summary>
    public static string FormatFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");
        return text.Contains('.') || text.Contains('e') || text.Contains('N') || text.Contains('I') ? text : text + ".0";
    }

    private static bool InRange(HyperparameterDescriptor d, double value, out string error)
    {
        error = "";
        var belowMin = d.Min is { } min && (d.MinExclusive ? value <= min : value < min);
        var aboveMax = d.Max is { } max && (d.MaxExclusive ? value >= max : value > max);
        if (belowMin || aboveMax)
        {
            error = $"must be in {d.RangeText}, got {value.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        return true;
    }

    private static YamlNode ParseYaml(string text)
    {
        var stream = BoundedYaml.Load(text);
        return stream.Documents.Count == 0 ? new YamlScalarNode("") : stream.Documents[0].RootNode;
    }

    /// <summary>A value as an error message quotes it: a hostile one can be a megabyte long.</summary>
    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.ToString(),
    };

    private static string TypeName(HyperparameterType type) => type switch
    {
        HyperparameterType.Int => "integer",
        HyperparameterType.Float => "number",
        HyperparameterType.Bool => "boolean",
        _ => "string",
    };
}
