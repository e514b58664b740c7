using YamlDotNet.RepresentationModel;

namespace Platform.Deploy.Tests.Infrastructure;

/// <summary>Reading parsed YAML by path, with merge keys (<c>&lt;&lt;: *anchor</c>) applied as Compose applies them.</summary>
public static class YamlNav
{
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string path)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode)).ToArray();
    }

    /// <summary>The entries of a mapping; keys merged in with <c>&lt;&lt;</c> come first and are overridden by the mapping's own.</summary>
    public static IReadOnlyDictionary<string, YamlNode> Entries(this YamlMappingNode map)
    {
        var entries = new Dictionary<string, YamlNode>();
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: "<<" } && value is YamlMappingNode merged)
            {
                foreach (var (k, v) in merged.Entries())
                {
                    entries.TryAdd(k, v);
                }
            }
        }

        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && name != "<<")
            {
                entries[name] = value;
            }
        }

        return entries;
    }

    public static YamlNode? At(this YamlNode? node, params string[] path)
    {
        foreach (var step in path)
        {
            if (node is not YamlMappingNode map || !map.Entries().TryGetValue(step, out node))
            {
                return null;
            }
        }

        return node;
    }

    public static YamlMappingNode? Map(this YamlNode? node, params string[] path) => node.At(path) as YamlMappingNode;

    public static IReadOnlyList<YamlNode> Seq(this YamlNode? node, params string[] path) =>
        node.At(path) is YamlSequenceNode seq ? seq.Children.ToArray() : [];

    public static string? Str(this YamlNode? node, params string[] path) => (node.At(path) as YamlScalarNode)?.Value;

    /// <summary>A scalar's text (a sequence element), else null.</summary>
    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>A mapping of scalars (labels, env maps, ConfigMap data) as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> Scalars(this YamlNode? node, params string[] path) =>
        node.Map(path)?.Entries().Where(e => e.Value is YamlScalarNode).ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value ?? "")
        ?? new Dictionary<string, string>();
}
