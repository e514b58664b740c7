using System.Globalization;
using System.Text;

namespace Platform.Silo.Search;

/// <summary>
/// Splits MLflow filter and order_by text into tokens. Identifiers are <c>prefix.name</c> where the name may be unquoted
/// (letters, digits, _, ., -, / and :), or quoted with backticks, double or single quotes (MLflow strips all three from keys);
/// strings are single- or double-quoted.
/// </summary>
internal static class SearchTokenizer
{
    public static List<SearchToken> Tokenize(string text)
    {
        // PostgreSQL text cannot hold NUL: a quoted "\0" would reach the database as a parameter and fail there.
        if (text.IndexOf('\0') is var nul and >= 0)
            throw new SearchSyntaxException($"Invalid character NUL at position {nul}");
        var tokens = new List<SearchToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
            if (i >= text.Length)
                break;
            var start = i;
            var c = text[i];
            if (c is '\'' or '"')
            {
                tokens.Add(new SearchToken(SearchTokenKind.String, ReadQuoted(text, ref i), start));
            }
            else if (char.IsDigit(c) || (c is '-' or '+' or '.' && i + 1 < text.Length && (char.IsDigit(text[i + 1]) || text[i + 1] == '.')))
            {
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '.' || (text[i] is '-' or '+' && text[i - 1] is 'e' or 'E')))
                    i++;
                var number = text[start..i];
                if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    throw new SearchSyntaxException($"Invalid number '{number}' at position {start}");
                tokens.Add(new SearchToken(SearchTokenKind.Number, number, start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-' or '/' or ':'))
                    i++;
                var word = text[start..i];
                if (word.EndsWith('.') && i < text.Length && text[i] is '`' or '"' or '\'')
                {
                    var name = ReadQuoted(text, ref i);
                    tokens.Add(new SearchToken(SearchTokenKind.Identifier, name, start, word[..^1]));
                }
                else
                {
                    tokens.Add(new SearchToken(SearchTokenKind.Word, word, start));
                }
            }
            else if (c == '`')
            {
                throw new SearchSyntaxException($"Quoted identifier at position {start} needs a prefix such as metrics., params., tags. or attributes.");
            }
            else if (c is '(' or ')' or ',')
            {
                i++;
                tokens.Add(new SearchToken(c switch { '(' => SearchTokenKind.LeftParen, ')' => SearchTokenKind.RightParen, _ => SearchTokenKind.Comma }, c.ToString(), start));
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                var op = two is "!=" or ">=" or "<=" or "<>" or "==" ? two : c.ToString();
                if (op == "!")
                    throw new SearchSyntaxException($"Invalid operator '!' at position {start}");
                i += op.Length;
                tokens.Add(new SearchToken(SearchTokenKind.Operator, op switch { "<>" => "!=", "==" => "=", _ => op }, start));
            }
            else
            {
                throw new SearchSyntaxException($"Unexpected character '{c}' at position {start}");
            }
        }
        tokens.Add(new SearchToken(SearchTokenKind.End, "", text.Length));
        return tokens;
    }

    /// <summary>Reads a quoted run starting at <paramref name="i"/>; a doubled quote character stands for itself, backslash escapes the next character.</summary>
    private static string ReadQuoted(string text, ref int i)
    {
        var quote = text[i];
        var start = i;
        i++;
        var value = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                value.Append(text[i + 1]);
                i += 2;
            }
            else if (c == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    value.Append(quote);
                    i += 2;
                }
                else
                {
                    i++;
                    return value.ToString();
                }
            }
            else
            {
                value.Append(c);
                i++;
            }
        }
        throw new SearchSyntaxException($"Unterminated quoted text starting at position {start}");
    }
}
