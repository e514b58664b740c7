using System.Globalization;
using Platform.Contracts.Validation;
using YamlDotNet.RepresentationModel;

namespace Platform.Contracts.Sweeps;

/// <summary>
/// Collects errors while reading YAML nodes, so one pass reports every problem in a sweep file with its path and line
/// instead of stopping at the first. Readers return null after recording an error.
/// </summary>
internal sealed class SweepYamlReader
{
    public List<ValidationError> Errors { get; } = [];

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    public void Error(string path, YamlNode node, string message) => Errors.Add(new ValidationError(path, message, LineOf(node)));

    /// <summary>
    /// The entries of a mapping by key, in file order. Keys outside <paramref name="allowed"/> (and not in <paramref name="ignored"/>)
    /// are reported at <c>prefix.key</c>.
    /// </summary>
    public List<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(
        YamlMappingNode mapping, string prefix, IReadOnlyList<string>? allowed, IReadOnlyList<string>? ignored = null)
    {
        var entries = new List<(string, YamlNode, YamlNode)>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                Error(prefix, keyNode, "keys must be plain names");
                continue;
            }

            if (ignored?.Contains(key) == true)
            {
                continue;
            }

            if (allowed is not null && !allowed.Contains(key))
            {
                Error(Join(prefix, key), keyNode, $"unknown key '{key}' (allowed: {string.Join(", ", allowed)})");
                continue;
            }

            entries.Add((key, keyNode, value));
        }

        return entries;
    }

    public static string Join(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    public YamlMappingNode? Mapping(YamlNode node, string path)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Error(path, node, $"expected a mapping, got {Describe(node)}");
        return null;
    }

    public string? String(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        Error(path, node, node is YamlScalarNode ? "must not be empty" : $"expected a string, got {Describe(node)}");
        return null;
    }

    /// <summary>A string that must be one of <paramref name="choices"/>; the message matches the catalog binder's.</summary>
    public int? Choice(YamlNode node, string path, IReadOnlyList<string> choices)
    {
        if (String(node, path) is not { } value)
        {
            return null;
        }

        var index = choices.ToList().IndexOf(value);
        if (index < 0)
        {
            Error(path, node, $"must be one of {string.Join(", ", choices)}; got '{value}'");
            return null;
        }

        return index;
    }

    public SweepNumber? Number(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } text }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
        {
            return new SweepNumber(value, LineOf(node));
        }

        Error(path, node, $"expected a finite number, got {Describe(node)}");
        return null;
    }

    public int? Integer(YamlNode node, string path, int minimum, int maximum = int.MaxValue)
    {
        if (node is not YamlScalarNode { Value: { } text }
            || !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Error(path, node, $"expected an integer, got {Describe(node)}");
            return null;
        }

        if (value < minimum)
        {
            Error(path, node, $"must be at least {minimum}, got {value}");
            return null;
        }

        if (value > maximum)
        {
            Error(path, node, $"must be at most {maximum}, got {value}");
            return null;
        }

        return value;
    }

    public bool? Boolean(YamlNode node, string path)
    {
        switch ((node as YamlScalarNode)?.Value?.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Error(path, node, $"expected true or false, got {Describe(node)}");
                return null;
        }
    }

    /// <summary>An omitted optional value: YAML <c>null</c>, <c>~</c> or nothing after the colon.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: { } value } => $"'{value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "nothing",
    };
}
