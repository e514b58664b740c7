using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Cli.Tests.Infrastructure;

/// <summary>The samples of a Prometheus text exposition (what <c>/metrics</c> serves), for assertions on series and values.</summary>
public sealed partial class PrometheusText(IReadOnlyList<PrometheusText.Sample> samples)
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public IReadOnlyList<Sample> Samples { get; } = samples;

    public static PrometheusText Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);
            samples.Add(new Sample(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value)));
        }

        return new PrometheusText(samples);
    }

    /// <summary>The one sample of <paramref name="name"/> whose labels include <paramref name="labels"/> (name=value pairs).</summary>
    public double Value(string name, params (string Key, string Value)[] labels)
    {
        var matching = Matching(name, labels);
        Assert.True(matching.Length == 1,
            $"expected one sample {name}{{{string.Join(",", labels.Select(l => $"{l.Key}={l.Value}"))}}}, found {matching.Length}");
        return matching[0].Value;
    }

    /// <summary>Like <see cref="Value"/>, but null while there is no such sample (yet).</summary>
    public double? Find(string name, params (string Key, string Value)[] labels) =>
        Matching(name, labels) is [var one] ? one.Value : null;

    public bool HasPrefix(string prefix) => Samples.Any(s => s.Name.StartsWith(prefix, StringComparison.Ordinal));

    private Sample[] Matching(string name, (string Key, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).ToArray();

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
