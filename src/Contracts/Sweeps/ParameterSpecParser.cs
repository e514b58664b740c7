using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Platform.Contracts.Sweeps;

/// <summary>Reads the <c>parameters</c> mapping (and nested groups): shapes, distribution names and numeric constraints.</summary>
internal static class ParameterSpecParser
{
    private static readonly string[] ParameterKeys =
        ["value", "values", "distribution", "min", "max", "mu", "sigma", "q", "probabilities", "parameters"];

    public static IReadOnlyList<ParameterSpec>? ReadGroup(YamlNode node, string path, SweepYamlReader reader)
    {
        if (reader.Mapping(node, path) is not { } mapping)
        {
            return null;
        }

        if (mapping.Children.Count == 0)
        {
            reader.Error(path, mapping, "must name at least one parameter");
            return null;
        }

        var parameters = new List<ParameterSpec>();
        var ok = true;
        foreach (var (name, keyNode, value) in reader.Entries(mapping, path, allowed: null))
        {
            var parameter = Read(name, keyNode, value, $"{path}.{name}", reader);
            ok &= parameter is not null;
            if (parameter is not null)
            {
                parameters.Add(parameter);
            }
        }

        return ok ? parameters : null;
    }

    private static ParameterSpec? Read(string name, YamlNode keyNode, YamlNode node, string path, SweepYamlReader reader)
    {
        var line = SweepYamlReader.LineOf(keyNode);
        if (node is not YamlMappingNode mapping)
        {
            reader.Error(path, node, $"expected a mapping with value, values or distribution, got {SweepYamlReader.Describe(node)}");
            return null;
        }

        var errorsBefore = reader.Errors.Count;
        var spec = new ParameterSpec(name, path, line);
        var keyNodes = new Dictionary<string, YamlNode>();
        ParameterDistribution? distribution = null;
        foreach (var (key, entryKey, value) in reader.Entries(mapping, path, ParameterKeys))
        {
            keyNodes[key] = entryKey;
            var keyPath = $"{path}.{key}";
            switch (key)
            {
                case "value":
                    spec = spec with { Value = new SweepValue(value, SweepYamlReader.LineOf(value)) };
                    break;
                case "values":
                    spec = spec with { Values = ReadValues(value, keyPath, reader) };
                    break;
                case "distribution":
                    distribution = ReadDistribution(value, keyPath, reader);
                    break;
                case "min":
                    spec = spec with { Min = reader.Number(value, keyPath) };
                    break;
                case "max":
                    spec = spec with { Max = reader.Number(value, keyPath) };
                    break;
                case "mu":
                    spec = spec with { Mu = reader.Number(value, keyPath) };
                    break;
                case "sigma":
                    spec = spec with { Sigma = reader.Number(value, keyPath) };
                    break;
                case "q":
                    spec = spec with { Q = reader.Number(value, keyPath) };
                    break;
                case "probabilities":
                    spec = spec with { Probabilities = ReadProbabilities(value, keyPath, reader) };
                    break;
                case "parameters":
                    spec = spec with { Parameters = ReadGroup(value, keyPath, reader) };
                    break;
            }
        }

        if (reader.Errors.Count > errorsBefore)
        {
            return null;
        }

        if (keyNodes.ContainsKey("parameters"))
        {
            foreach (var (key, entryKey) in keyNodes.Where(k => k.Key != "parameters"))
            {
                reader.Error($"{path}.{key}", entryKey, "a nested parameter group has only `parameters`");
            }

            return reader.Errors.Count > errorsBefore ? null : spec;
        }

        if (keyNodes.ContainsKey("value") && keyNodes.ContainsKey("values"))
        {
            reader.Error(path, keyNode, "has both `value` and `values`; use one");
            return null;
        }

        distribution ??= Infer(spec);
        if (distribution is null)
        {
            reader.Error(path, keyNode, "needs `value`, `values`, `min` and `max`, or a `distribution`");
            return null;
        }

        spec = spec with { Distribution = distribution };
        CheckKeys(spec, distribution.Value, keyNode, keyNodes, reader);
        CheckNumbers(spec, distribution.Value, keyNodes, reader);
        return reader.Errors.Count > errorsBefore ? null : spec;
    }

    private static IReadOnlyList<SweepValue>? ReadValues(YamlNode node, string path, SweepYamlReader reader)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            reader.Error(path, node, $"must be a non-empty list, got {(node is YamlSequenceNode ? "[]" : SweepYamlReader.Describe(node))}");
            return null;
        }

        return sequence.Children.Select(c => new SweepValue(c, SweepYamlReader.LineOf(c))).ToArray();
    }

    private static ParameterDistribution? ReadDistribution(YamlNode node, string path, SweepYamlReader reader)
    {
        if (reader.String(node, path) is not { } text)
        {
            return null;
        }

        if (SweepNames.TryParseDistribution(text, out var distribution))
        {
            return distribution;
        }

        reader.Error(path, node, $"must be one of {string.Join(", ", SweepNames.Distributions)}; got '{text}'");
        return null;
    }

    private static IReadOnlyList<double>? ReadProbabilities(YamlNode node, string path, SweepYamlReader reader)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            reader.Error(path, node, "must be a non-empty list of numbers");
            return null;
        }

        var numbers = sequence.Children.Select((c, i) => reader.Number(c, $"{path}[{i}]")).ToArray();
        if (numbers.Any(n => n is null))
        {
            return null;
        }

        for (var i = 0; i < numbers.Length; i++)
        {
            if (numbers[i]!.Value is < 0 or > 1)
            {
                reader.Error($"{path}[{i}]", sequence.Children[i], $"must be in [0, 1], got {Format(numbers[i]!.Value)}");
            }
        }

        var sum = numbers.Sum(n => n!.Value);
        if (Math.Abs(sum - 1) > 1e-6)
        {
            reader.Error(path, node, $"must sum to 1, got {Format(sum)}");
        }

        return numbers.Select(n => n!.Value).ToArray();
    }

    // What W&B assumes when `distribution` is left out.
    private static ParameterDistribution? Infer(ParameterSpec spec) => spec switch
    {
        { Value: not null } => ParameterDistribution.Constant,
        { Values: not null } => ParameterDistribution.Categorical,
        { Min: { } min, Max: { } max } => IsWhole(min.Value) && IsWhole(max.Value) ? ParameterDistribution.IntUniform : ParameterDistribution.Uniform,
        _ => null,
    };

    /// <summary>Every distribution has a fixed set of settings: missing required ones and stray ones are both errors.</summary>
    private static void CheckKeys(
        ParameterSpec spec, ParameterDistribution distribution, YamlNode parameterKey, Dictionary<string, YamlNode> keyNodes, SweepYamlReader reader)
    {
        var (required, optional) = Settings(distribution);
        foreach (var key in required.Where(k => !keyNodes.ContainsKey(k)))
        {
            reader.Error($"{spec.Path}.{key}", parameterKey, $"is required for distribution {distribution.Name()}");
        }

        foreach (var (key, keyNode) in keyNodes.Where(k => k.Key != "distribution" && !required.Contains(k.Key) && !optional.Contains(k.Key)))
        {
            reader.Error($"{spec.Path}.{key}", keyNode, $"is not used by distribution {distribution.Name()}");
        }
    }

    private static (string[] Required, string[] Optional) Settings(ParameterDistribution distribution) => distribution switch
    {
        ParameterDistribution.Constant => (["value"], []),
        ParameterDistribution.Categorical => (["values"], ["probabilities"]),
        ParameterDistribution.QUniform or ParameterDistribution.QLogUniform or ParameterDistribution.QLogUniformValues => (["min", "max"], ["q"]),
        ParameterDistribution.Normal or ParameterDistribution.LogNormal => ([], ["mu", "sigma"]),
        ParameterDistribution.QNormal or ParameterDistribution.QLogNormal => ([], ["mu", "sigma", "q"]),
        _ => (["min", "max"], []),
    };

    private static void CheckNumbers(ParameterSpec spec, ParameterDistribution distribution, Dictionary<string, YamlNode> keyNodes, SweepYamlReader reader)
    {
        if (spec is { Min: { } min, Max: { } max } && min.Value > max.Value)
        {
            reader.Errors.Add(new(spec.Path + ".min", $"must not be greater than max ({Format(max.Value)}), got {Format(min.Value)}", min.Line));
        }

        if (distribution == ParameterDistribution.IntUniform)
        {
            foreach (var (bound, key) in new[] { (spec.Min, "min"), (spec.Max, "max") })
            {
                if (bound is not null && !IsWhole(bound.Value))
                {
                    reader.Errors.Add(new($"{spec.Path}.{key}", $"must be an integer for int_uniform, got {Format(bound.Value)}", bound.Line));
                }
            }
        }

        // These take min/max as values of the parameter itself on a log scale, so zero and negatives have no logarithm.
        if (distribution is ParameterDistribution.LogUniformValues or ParameterDistribution.QLogUniformValues or ParameterDistribution.InvLogUniformValues
            && spec.Min is { Value: <= 0 } nonPositive)
        {
            reader.Errors.Add(new(spec.Path + ".min", $"must be greater than 0 for {distribution.Name()}, got {Format(nonPositive.Value)}", nonPositive.Line));
        }

        if (spec.Sigma is { Value: <= 0 } sigma)
        {
            reader.Errors.Add(new(spec.Path + ".sigma", $"must be greater than 0, got {Format(sigma.Value)}", sigma.Line));
        }

        if (spec.Q is { Value: <= 0 } q)
        {
            reader.Errors.Add(new(spec.Path + ".q", $"must be greater than 0, got {Format(q.Value)}", q.Line));
        }

        if (spec is { Probabilities: { } probabilities, Values: { } values } && probabilities.Count != values.Count)
        {
            reader.Errors.Add(new(spec.Path + ".probabilities",
                $"has {probabilities.Count} entries but values has {values.Count}", SweepYamlReader.LineOf(keyNodes["probabilities"])));
        }
    }

    internal static bool IsWhole(double value) => value == Math.Floor(value) && Math.Abs(value) < 1e15;

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
