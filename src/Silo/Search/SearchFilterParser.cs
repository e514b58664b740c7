using System.Globalization;

namespace Platform.Silo.Search;

/// <summary>
/// Parses MLflow's search filter: comparisons joined by AND, e.g.
/// <c>metrics.acc &gt; 0.9 AND params.lr = '0.01' AND tags.`my tag` LIKE '%a%' AND attributes.status IN ('FINISHED', 'FAILED')</c>.
/// Metrics and numeric attributes take numbers and = != &gt; &gt;= &lt; &lt;=; params, tags and string attributes take strings and
/// = != LIKE ILIKE; as in MLflow's <c>search_utils</c>, IN and NOT IN take a list of strings and only for <c>attributes.run_id</c>
/// (and, a platform addition, <c>attributes.status</c>) and the dataset keys (<c>datasets.name</c>, <c>digest</c>, <c>context</c>).
/// OR and parentheses around comparisons are not part of MLflow's grammar and are refused, as MLflow refuses them.
/// </summary>
public static class SearchFilterParser
{
    /// <summary>Comparisons joined by AND; each is a join or a condition in SQL, whose engines limit both.</summary>
    public const int MaxClauses = 100;

    private static readonly HashSet<string> NumericOperators = ["=", "!=", ">", ">=", "<", "<="];
    private static readonly HashSet<string> StringOperators = ["=", "!=", "LIKE", "ILIKE"];
    private static readonly HashSet<string> ListOperators = ["=", "!=", "LIKE", "ILIKE", "IN", "NOT IN"];

    /// <summary>MLflow's <c>DATASET_ATTRIBUTES</c>.</summary>
    private static readonly string[] DatasetKeys = ["name", "digest", "context"];

    /// <param name="attributes">The attribute set of the searched entity; runs by default.</param>
    public static IReadOnlyList<FilterClause> Parse(string? filter, SearchAttributes? attributes = null)
    {
        attributes ??= SearchAttributes.Runs;
        if (string.IsNullOrWhiteSpace(filter))
            return [];
        var tokens = SearchTokenizer.Tokenize(filter);
        var clauses = new List<FilterClause>();
        var i = 0;
        while (true)
        {
            if (clauses.Count == MaxClauses)
                throw new SearchSyntaxException($"Invalid filter: more than {MaxClauses} comparisons");
            clauses.Add(ParseComparison(tokens, ref i, attributes));
            var next = tokens[i];
            if (next.Kind == SearchTokenKind.End)
                return clauses;
            if (next.IsKeyword("OR"))
                throw new SearchSyntaxException($"Invalid filter: OR is not supported ({next.Describe()}); combine comparisons with AND");
            if (!next.IsKeyword("AND"))
                throw new SearchSyntaxException($"Invalid filter: expected AND or end of input, got {next.Describe()}");
            i++;
        }
    }

    /// <summary>Parses a <c>prefix.name</c> identifier token into a key (shared with order_by).</summary>
    internal static SearchKey ParseKey(SearchToken token, SearchAttributes attributes)
    {
        string prefix, name;
        if (token.Kind == SearchTokenKind.Identifier)
        {
            (prefix, name) = (token.Prefix!, token.Text);
        }
        else if (token.Kind == SearchTokenKind.Word && token.Text.IndexOf('.') is var dot and > 0 && dot < token.Text.Length - 1)
        {
            (prefix, name) = (token.Text[..dot], token.Text[(dot + 1)..]);
        }
        else if (token.Kind == SearchTokenKind.Word && attributes.Resolve(token.Text) is { } bare)
        {
            return new SearchKey(SearchEntity.Attribute, bare, attributes.IsNumeric(bare)); // MLflow accepts bare attribute names such as start_time
        }
        else
        {
            throw new SearchSyntaxException(
                $"Invalid identifier {token.Describe()}: expected metrics.<name>, params.<name>, tags.<name>, attributes.<name> or datasets.<name>");
        }

        var entity = prefix.ToLowerInvariant() switch
        {
            "metric" or "metrics" => SearchEntity.Metric,
            "param" or "params" or "parameter" or "parameters" => SearchEntity.Param,
            "tag" or "tags" => SearchEntity.Tag,
            "attribute" or "attributes" or "attr" or "run" => SearchEntity.Attribute,
            "dataset" or "datasets" => SearchEntity.Dataset,
            _ => throw new SearchSyntaxException(
                $"Invalid entity type '{prefix}' in {token.Describe()}: expected metrics, params, tags, attributes or datasets"),
        };
        if (entity == SearchEntity.Dataset)
        {
            return DatasetKeys.Contains(name) ? new SearchKey(entity, name) : throw new SearchSyntaxException(
                $"Invalid dataset key '{name}' at position {token.Position}: expected one of {string.Join(", ", DatasetKeys)}");
        }
        if (entity != SearchEntity.Attribute)
            return new SearchKey(entity, name, entity == SearchEntity.Metric);
        var attribute = attributes.Resolve(name) ?? throw new SearchSyntaxException(
            $"Invalid attribute key '{name}' at position {token.Position}: expected one of {string.Join(", ", attributes.Names)}");
        return new SearchKey(SearchEntity.Attribute, attribute, attributes.IsNumeric(attribute));
    }

    private static FilterClause ParseComparison(List<SearchToken> tokens, ref int i, SearchAttributes attributes)
    {
        var keyToken = tokens[i++];
        if (keyToken.Kind is not (SearchTokenKind.Word or SearchTokenKind.Identifier))
            throw new SearchSyntaxException($"Invalid filter: expected an identifier, got {keyToken.Describe()}");
        var key = ParseKey(keyToken, attributes);

        var opToken = tokens[i++];
        string op;
        if (opToken.Kind == SearchTokenKind.Operator)
            op = opToken.Text;
        else if (opToken.IsKeyword("LIKE") || opToken.IsKeyword("ILIKE") || opToken.IsKeyword("IN"))
            op = opToken.Text.ToUpperInvariant();
        else if (opToken.IsKeyword("NOT") && tokens[i].IsKeyword("IN"))
            (op, i) = ("NOT IN", i + 1);
        else
            throw new SearchSyntaxException($"Invalid filter: expected a comparison operator after {keyToken.Describe()}, got {opToken.Describe()}");

        var allowed = key.IsNumeric ? NumericOperators
            : key.Entity == SearchEntity.Dataset || (key.Entity == SearchEntity.Attribute && attributes.TakesLists(key.Name)) ? ListOperators
            : StringOperators;
        if (op is "IN" or "NOT IN" && key.Entity == SearchEntity.Attribute && !allowed.Contains(op))
        {
            var which = attributes.ListNames.Any() ? $"only the {string.Join(" and ", attributes.ListNames.Select(n => $"'{n}'"))} attributes support" : "no attribute supports";
            throw new SearchSyntaxException($"Invalid filter at position {opToken.Position}: {which} comparison with a list of quoted string values.");
        }
        if (!allowed.Contains(op))
        {
            throw new SearchSyntaxException(
                $"Invalid comparator '{op}' at position {opToken.Position} for {keyToken.Describe()}: expected one of {string.Join(", ", allowed)}");
        }

        if (op is "IN" or "NOT IN")
            return new FilterClause(key, op, List: ParseList(tokens, ref i));
        var valueToken = tokens[i++];
        if (key.IsNumeric)
        {
            if (valueToken.Kind != SearchTokenKind.Number)
                throw new SearchSyntaxException($"Invalid filter: expected a number for {keyToken.Describe()}, got {valueToken.Describe()}");
            return new FilterClause(key, op, Number: double.Parse(valueToken.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        if (valueToken.Kind != SearchTokenKind.String)
            throw new SearchSyntaxException($"Invalid filter: expected a quoted string for {keyToken.Describe()}, got {valueToken.Describe()}");
        return new FilterClause(key, op, Text: valueToken.Text);
    }

    private static List<string> ParseList(List<SearchToken> tokens, ref int i)
    {
        if (tokens[i].Kind != SearchTokenKind.LeftParen)
            throw new SearchSyntaxException($"Invalid filter: expected '(' after IN, got {tokens[i].Describe()}");
        i++;
        var values = new List<string>();
        while (true)
        {
            var value = tokens[i++];
            if (value.Kind != SearchTokenKind.String)
                throw new SearchSyntaxException($"Invalid filter: expected a quoted string in the IN list, got {value.Describe()}");
            values.Add(value.Text);
            var separator = tokens[i++];
            if (separator.Kind == SearchTokenKind.RightParen)
                return values;
            if (separator.Kind != SearchTokenKind.Comma)
                throw new SearchSyntaxException($"Invalid filter: expected ',' or ')' in the IN list, got {separator.Describe()}");
        }
    }
}
