using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Platform.Contracts.Validation;

/// <summary>
/// Loads user-supplied YAML (sweep files, hyperparameter values) within limits. YamlDotNet's representation model recurses
/// once per nesting level, and a stack overflow cannot be caught: about 40 KB of '[' would end the silo's process. So the
/// size is capped, and the loader reads its events through a parser that counts the nesting and stops past the limit,
/// before the recursion can get deep.
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

        var stream = new YamlStream();
        stream.Load(new DepthLimitedParser(new Parser(new StringReader(text))));
        return stream;
    }

    private sealed class DepthLimitedParser(IParser inner) : IParser
    {
        private int depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            if (inner.Current is MappingStart or SequenceStart && ++depth > MaxDepth)
            {
                throw new YamlException(inner.Current.Start, inner.Current.End, $"nested more than {MaxDepth} levels deep");
            }

            if (inner.Current is MappingEnd or SequenceEnd)
            {
                depth--;
            }

            return true;
        }
    }
}
