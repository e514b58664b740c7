using YamlDotNet.RepresentationModel;

namespace Platform.Contracts.Sweeps;

/// <summary>
/// One literal from a <c>value</c> or <c>values</c> entry. It stays a YAML node (not a string) so the catalog's
/// binder canonicalizes exactly what was written, lists included, and errors can point at its line.
/// </summary>
public sealed record SweepValue(YamlNode Node, int Line)
{
    /// <summary>The value as written: the scalar text, or a short description for lists and mappings.</summary>
    public string Text => Node switch
    {
        YamlScalarNode { Value: { } value } => value,
        YamlSequenceNode sequence => "[" + string.Join(", ", sequence.Children.Select(c => new SweepValue(c, Line).Text)) + "]",
        _ => Node.ToString(),
    };
}
