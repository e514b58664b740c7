namespace Platform.Silo.Search;

/// <summary>Parses MLflow order_by terms: <c>metrics.cost ASC</c>, <c>attributes.start_time DESC</c>, <c>params.lr</c> (ascending by default).</summary>
public static class OrderByParser
{
    /// <summary>Each term is a join in SQL, and SQLite joins at most 64 tables: far more terms than a search needs.</summary>
    public const int MaxTerms = 16;

    public static IReadOnlyList<OrderClause> Parse(IReadOnlyList<string>? orderBy, SearchAttributes? attributes = null)
    {
        var terms = (orderBy ?? []).Where(o => !string.IsNullOrWhiteSpace(o)).ToList();
        if (terms.Count > MaxTerms)
            throw new SearchSyntaxException($"Invalid order_by: {terms.Count} terms, at most {MaxTerms}");
        var clauses = terms.Select(o => ParseOne(o, attributes)).ToList();
        // As MLflow's SQL store: a key ordered twice is a mistake in the request, not a tie-breaker.
        if (clauses.GroupBy(c => (c.Key.Entity, c.Key.Name)).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new SearchSyntaxException($"Invalid order_by: {twice.Key.Entity.ToString().ToLowerInvariant()} '{twice.Key.Name}' is ordered by more than once");
        return clauses;
    }

    public static OrderClause ParseOne(string text, SearchAttributes? attributes = null)
    {
        var tokens = SearchTokenizer.Tokenize(text);
        var key = SearchFilterParser.ParseKey(tokens[0], attributes ?? SearchAttributes.Runs);
        if (key.Entity == SearchEntity.Dataset)
            throw new SearchSyntaxException($"Invalid order_by clause '{text}': runs cannot be ordered by a dataset field");
        var ascending = true;
        var i = 1;
        if (tokens[i].IsKeyword("ASC") || tokens[i].IsKeyword("DESC"))
        {
            ascending = tokens[i].IsKeyword("ASC");
            i++;
        }
        if (tokens[i].Kind != SearchTokenKind.End)
            throw new SearchSyntaxException($"Invalid order_by clause '{text}': expected ASC, DESC or end of clause, got {tokens[i].Describe()}");
        return new OrderClause(key, ascending);
    }
}
