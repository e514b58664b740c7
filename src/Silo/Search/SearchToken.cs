namespace Platform.Silo.Search;

internal enum SearchTokenKind
{
    Word,
    Identifier,
    String,
    Number,
    Operator,
    LeftParen,
    RightParen,
    Comma,
    End,
}

/// <summary>A token with its 0-based position in the source text. <see cref="Prefix"/> is set for quoted identifiers (<c>metrics.`a b`</c>).</summary>
internal sealed record SearchToken(SearchTokenKind Kind, string Text, int Position, string? Prefix = null)
{
    public bool IsKeyword(string keyword) => Kind == SearchTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public string Describe() => Kind == SearchTokenKind.End ? "end of input" : $"'{(Prefix is null ? Text : Prefix + "." + Text)}' at position {Position}";
}
