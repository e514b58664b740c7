using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Platform.Contracts.Validation;

/// <summary>
/// Loads user-supplied YAML (sweep files, hyperparameter values) within limits. YamlDotNet's representation model recurses
/// once per nesting level, and a stack overflow cannot be caught: about 40 KB of '[' would end the silo's process. So the
/// size is capped and the nesting is counted on the parser's events, which do not recurse, before anything is loaded.
/// </summary>
public static class BoundedYaml
{
    public const int MaxCharacters = 1 << 20;

    /// <summary>Deeper than any sweep file needs (a W&amp;B sweep nests about 5 levels).</summary>
    public const int MaxDepth = 64;

    /// <summary>Loads <paramref name="text"/>; a <see cref="YamlException"/> (with its position) when it is not YAML or over a limit.</summary>
    public static YamlStream Load(string text)
    {
        if (text.Length > MaxCharacters)
        {
            throw new YamlException($"the document has {text.Length:N0} characters, more than the {MaxCharacters:N0} allowed");
        }

        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            if (parser.Current is MappingStart or SequenceStart && ++depth > MaxDepth)
            {
                throw new YamlException(parser.Current.Start, parser.Current.End, $"nested more than {MaxDepth} levels deep");
            }

            if (parser.Current is MappingEnd or SequenceEnd)
            {
                depth--;
            }
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream;
    }
}
