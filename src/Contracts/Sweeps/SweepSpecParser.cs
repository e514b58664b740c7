using Platform.Contracts.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Platform.Contracts.Sweeps;

/// <summary>
/// Reads a sweep file (W&amp;B sweep YAML plus <c>assignment</c>, <c>experiment</c>) into a <see cref="SweepSpec"/>.
/// Structural checks only; the catalog checks live in <see cref="SweepSpecValidator"/>.
/// </summary>
public static class SweepSpecParser
{
    private static readonly string[] TopLevelKeys =
        ["assignment", "experiment", "name", "description", "method", "metric", "parameters", "early_terminate", "run_cap", "resources"];

    // W&B keys that say how W&B's agent launches runs or where it logs them; the platform decides both, so they are accepted and dropped.
    private static readonly string[] IgnoredKeys = ["program", "command", "entity", "project"];

    private static readonly string[] MetricKeys = ["name", "goal", "target"];

    private static readonly string[] EarlyTerminateKeys = ["type", "min_iter", "max_iter", "s", "eta", "strict", "min_trials"];
    private static readonly string[] EarlyTerminateTypes = [EarlyTerminateSpec.Hyperband, EarlyTerminateSpec.Median];
    private static readonly string[] HyperbandOnlyKeys = ["max_iter", "s", "eta", "strict"];

    /// <summary>Parses <paramref name="yaml"/>. Throws <see cref="PlatformValidationException"/> listing every problem found.</summary>
    public static SweepSpec Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var root = Load(yaml);
        var reader = new SweepYamlReader();
        var spec = root is null ? null : ReadSpec(root, reader);
        if (root is null)
        {
            reader.Errors.Add(new ValidationError("sweep", "the sweep file is empty", 1));
        }

        if (reader.Errors.Count > 0 || spec is null)
        {
            // In file order, so the list reads top to bottom like the file (a stable sort keeps same-line errors in check order).
            throw new PlatformValidationException(reader.Errors.OrderBy(e => e.Line ?? 0).ToArray());
        }

        return spec;
    }

    private static YamlNode? Load(string yaml)
    {
        YamlStream stream;
        try
        {
            stream = BoundedYaml.Load(yaml);
        }
        catch (YamlException e)
        {
            throw new PlatformValidationException([new ValidationError("yaml", $"not valid YAML: {StripMark(e)}", (int)e.Start.Line)]);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated flow collections.
            throw new PlatformValidationException([new ValidationError("yaml", $"not valid YAML: {e.Message}")]);
        }

        if (stream.Documents.Count > 1)
        {
            throw new PlatformValidationException([new ValidationError("yaml",
                $"expected one YAML document, found {stream.Documents.Count}", SweepYamlReader.LineOf(stream.Documents[1].RootNode))]);
        }

        return stream.Documents.Count == 0 || SweepYamlReader.IsNull(stream.Documents[0].RootNode) ? null : stream.Documents[0].RootNode;
    }

    // YamlException.Message starts with "(Line: 3, Col: 1, Idx: 20) - (Line: ...): "; the line is reported separately.
    private static string StripMark(YamlException e)
    {
        var message = e.InnerException is { } inner && e.Message.EndsWith(inner.Message, StringComparison.Ordinal) ? inner.Message : e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0 ? message[(cut + 3)..] : message;
    }

    private static SweepSpec? ReadSpec(YamlNode rootNode, SweepYamlReader reader)
    {
        if (reader.Mapping(rootNode, "sweep") is not { } root)
        {
            return null;
        }

        string? assignment = null, experiment = null, name = null, description = null;
        int assignmentLine = 0;
        SweepMethod? method = null;
        YamlNode? methodNode = null;
        SweepMetric? metric = null;
        IReadOnlyList<ParameterSpec>? parameters = null;
        EarlyTerminateSpec? earlyTerminate = null;
        YamlNode? earlyTerminateNode = null;
        int? runCap = null;
        IReadOnlyList<ResourceEntry> resources = [];
        var present = new HashSet<string>();
        foreach (var (key, _, value) in reader.Entries(root, "", TopLevelKeys, IgnoredKeys))
        {
            present.Add(key);
            var optionalAndAbsent = key != "assignment" && key != "method" && key != "parameters" && SweepYamlReader.IsNull(value);
            if (optionalAndAbsent)
            {
                continue;
            }

            switch (key)
            {
                case "assignment":
                    assignment = reader.String(value, key);
                    assignmentLine = SweepYamlReader.LineOf(value);
                    break;
                case "experiment":
                    experiment = reader.String(value, key);
                    break;
                case "name":
                    name = reader.String(value, key);
                    break;
                case "description":
                    description = reader.String(value, key);
                    break;
                case "method":
                    methodNode = value;
                    method = (SweepMethod?)reader.Choice(value, key, SweepNames.Methods);
                    break;
                case "metric":
                    metric = ReadMetric(value, reader);
                    break;
                case "parameters":
                    parameters = ParameterSpecParser.ReadGroup(value, "parameters", reader);
                    break;
                case "early_terminate":
                    earlyTerminate = ReadEarlyTerminate(value, reader);
                    earlyTerminateNode = value;
                    break;
                case "run_cap":
                    // Bounded like a grid, so a typo cannot queue an unbounded random or bayes sweep.
                    runCap = reader.Integer(value, key, 1, GridExpander.MaxTrials);
                    break;
                case "resources":
                    resources = ReadResources(value, reader);
                    break;
            }
        }

        foreach (var required in new[] { "assignment", "method", "parameters" })
        {
            if (!present.Contains(required))
            {
                reader.Error(required, root, "is required");
            }
        }

        if (method == SweepMethod.Bayes && metric is null && !present.Contains("metric") && methodNode is not null)
        {
            reader.Error("metric", methodNode, "is required for method bayes (it needs something to optimize)");
        }

        if (earlyTerminateNode is not null && metric is null && !present.Contains("metric"))
        {
            reader.Error("metric", earlyTerminateNode, "is required with early_terminate (it compares trials by the metric)");
        }

        if (method == SweepMethod.Grid && parameters is not null)
        {
            RequireDiscrete(parameters, reader);
        }

        if (assignment is null || method is null || parameters is null)
        {
            return null;
        }

        return new SweepSpec(assignment, assignmentLine, method.Value, parameters)
        {
            Experiment = experiment,
            Name = name,
            Description = description,
            Metric = metric,
            EarlyTerminate = earlyTerminate,
            RunCap = runCap,
            Resources = resources,
        };
    }

    /// <summary>Scalars by key; their values are checked against the assignment by <see cref="Catalog.ResourceRequest"/>.</summary>
    private static IReadOnlyList<ResourceEntry> ReadResources(YamlNode node, SweepYamlReader reader)
    {
        if (reader.Mapping(node, "resources") is not { } mapping)
        {
            return [];
        }

        var entries = new List<ResourceEntry>();
        foreach (var (key, _, value) in reader.Entries(mapping, "resources", Catalog.ResourceRequest.Keys))
        {
            if (value is YamlScalarNode { Value: { Length: > 0 } text })
            {
                entries.Add(new ResourceEntry(key, text, SweepYamlReader.LineOf(value)));
            }
            else
            {
                reader.Error($"resources.{key}", value, $"expected a number, got {SweepYamlReader.Describe(value)}");
            }
        }

        return entries;
    }

    /// <summary>Grid search enumerates literals; a continuous distribution has none to enumerate.</summary>
    internal static void RequireDiscrete(IReadOnlyList<ParameterSpec> parameters, SweepYamlReader reader)
    {
        foreach (var parameter in parameters)
        {
            if (parameter.Parameters is { } members)
            {
                RequireDiscrete(members, reader);
            }
            else if (parameter.Distribution is { } distribution && parameter.DiscreteValues is null)
            {
                reader.Errors.Add(new ValidationError(parameter.Path,
                    $"grid search needs `values` for {parameter.Path}, not distribution {distribution.Name()}", parameter.Line));
            }
        }
    }

    private static SweepMetric? ReadMetric(YamlNode node, SweepYamlReader reader)
    {
        if (reader.Mapping(node, "metric") is not { } mapping)
        {
            return null;
        }

        string? name = null;
        var nameLine = SweepYamlReader.LineOf(mapping);
        var goal = MetricGoal.Minimize;
        double? target = null;
        var ok = true;
        foreach (var (key, _, value) in reader.Entries(mapping, "metric", MetricKeys))
        {
            switch (key)
            {
                case "name":
                    name = reader.String(value, "metric.name");
                    nameLine = SweepYamlReader.LineOf(value);
                    ok &= name is not null;
                    break;
                case "goal":
                    var index = reader.Choice(value, "metric.goal", SweepNames.Goals);
                    goal = (MetricGoal)(index ?? 0);
                    ok &= index is not null;
                    break;
                case "target":
                    target = reader.Number(value, "metric.target")?.Value;
                    ok &= target is not null;
                    break;
            }
        }

        if (name is null && !mapping.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "name"))
        {
            reader.Error("metric.name", mapping, "is required");
            ok = false;
        }

        return ok && name is not null ? new SweepMetric(name, goal, target, nameLine) : null;
    }

    private static EarlyTerminateSpec? ReadEarlyTerminate(YamlNode node, SweepYamlReader reader)
    {
        if (reader.Mapping(node, "early_terminate") is not { } mapping)
        {
            return null;
        }

        string? type = null;
        int? minIter = null, maxIter = null, s = null, minTrials = null;
        var eta = 3;
        var strict = false;
        var errorsBefore = reader.Errors.Count;
        foreach (var (key, _, value) in reader.Entries(mapping, "early_terminate", EarlyTerminateKeys))
        {
            var path = $"early_terminate.{key}";
            switch (key)
            {
                case "type":
                    type = reader.Choice(value, path, EarlyTerminateTypes) is { } chosen ? EarlyTerminateTypes[chosen] : null;
                    break;
                case "min_iter":
                    minIter = reader.Integer(value, path, 1);
                    break;
                case "max_iter":
                    maxIter = reader.Integer(value, path, 1);
                    break;
                case "s":
                    s = reader.Integer(value, path, 1);
                    break;
                case "eta":
                    eta = reader.Integer(value, path, 2) ?? eta;
                    break;
                case "strict":
                    strict = reader.Boolean(value, path) ?? false;
                    break;
                case "min_trials":
                    minTrials = reader.Integer(value, path, 1);
                    break;
            }
        }

        var keyNodes = mapping.Children.Keys.OfType<YamlScalarNode>().ToArray();
        var keys = keyNodes.Select(k => k.Value).ToHashSet();
        if (!keys.Contains("type"))
        {
            reader.Error("early_terminate.type", mapping, "is required (hyperband or median)");
        }
        else if (type == EarlyTerminateSpec.Median)
        {
            foreach (var key in keyNodes.Where(k => HyperbandOnlyKeys.Contains(k.Value)))
            {
                reader.Error($"early_terminate.{key.Value}", key, "is a hyperband setting; median takes min_iter and min_trials");
            }
        }
        else if (type == EarlyTerminateSpec.Hyperband)
        {
            foreach (var key in keyNodes.Where(k => k.Value == "min_trials"))
            {
                reader.Error("early_terminate.min_trials", key, "is a median setting; hyperband takes min_iter, or max_iter and s, eta and strict");
            }

            if (!keys.Contains("min_iter") && !keys.Contains("max_iter"))
            {
                reader.Error("early_terminate", mapping, "hyperband needs min_iter, or max_iter and s");
            }
            else if (!keys.Contains("min_iter") && !keys.Contains("s"))
            {
                reader.Error("early_terminate.s", mapping, "is required with max_iter (or give min_iter)");
            }
        }

        return reader.Errors.Count == errorsBefore && type is not null
            ? new EarlyTerminateSpec(type, minIter, maxIter, s, eta, strict, SweepYamlReader.LineOf(mapping), minTrials)
            : null;
    }
}
