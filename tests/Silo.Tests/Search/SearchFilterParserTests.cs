using Platform.Silo.Search;

namespace Platform.Silo.Tests.Search;

public sealed class SearchFilterParserTests
{
    [Fact]
    public void Empty_filter_has_no_clauses()
    {
        Assert.Empty(SearchFilterParser.Parse(null));
        Assert.Empty(SearchFilterParser.Parse("   "));
    }

    [Fact]
    public void Parses_the_issue_example()
    {
        var clauses = SearchFilterParser.Parse("metrics.x > 0.9 and params.lr = '0.01' and tags.t LIKE '%a%' and attributes.status = 'FINISHED'");
        Assert.Equal(
        [
            new FilterClause(new SearchKey(SearchEntity.Metric, "x", true), ">", Number: 0.9),
            new FilterClause(new SearchKey(SearchEntity.Param, "lr"), "=", Text: "0.01"),
            new FilterClause(new SearchKey(SearchEntity.Tag, "t"), "LIKE", Text: "%a%"),
            new FilterClause(new SearchKey(SearchEntity.Attribute, "status"), "=", Text: "FINISHED"),
        ], clauses);
    }

    [Theory]
    [InlineData("metrics.`my metric` >= -1e-3", SearchEntity.Metric, "my metric")]
    [InlineData("metrics.\"my metric\" >= -1e-3", SearchEntity.Metric, "my metric")]
    [InlineData("metric.loss/train <= 2", SearchEntity.Metric, "loss/train")]
    [InlineData("tags.mlflow.runName = 'x'", SearchEntity.Tag, "mlflow.runName")]
    [InlineData("parameter.lr != \"0.1\"", SearchEntity.Param, "lr")]
    [InlineData("attribute.created > 5", SearchEntity.Attribute, "start_time")]
    [InlineData("run.run_name ILIKE 'a%'", SearchEntity.Attribute, "run_name")]
    [InlineData("start_time > 5", SearchEntity.Attribute, "start_time")]
    [InlineData("params.'learning rate' = '0.1'", SearchEntity.Param, "learning rate")]
    [InlineData("attributes.`Run name` = 'x'", SearchEntity.Attribute, "run_name")]
    [InlineData("attributes.end_time != 0", SearchEntity.Attribute, "end_time")]
    [InlineData("attributes.user_id ILIKE 'ANN%'", SearchEntity.Attribute, "user_id")]
    [InlineData("datasets.name = 'cats'", SearchEntity.Dataset, "name")]
    [InlineData("dataset.digest != 'abc'", SearchEntity.Dataset, "digest")]
    [InlineData("datasets.`context` ILIKE 'TRAIN%'", SearchEntity.Dataset, "context")]
    public void Accepts_mlflow_identifier_forms(string filter, SearchEntity entity, string name)
    {
        var key = Assert.Single(SearchFilterParser.Parse(filter)).Key;
        Assert.Equal(entity, key.Entity);
        Assert.Equal(name, key.Name);
    }

    [Fact]
    public void Parses_in_and_not_in_lists_and_quote_escapes()
    {
        var clauses = SearchFilterParser.Parse("attributes.run_id IN ('a', \"b\") AND run_id NOT IN ('it''s')");
        Assert.Equal(["a", "b"], clauses[0].List!);
        Assert.Equal("IN", clauses[0].Operator);
        Assert.Equal("NOT IN", clauses[1].Operator);
        Assert.Equal(["it's"], clauses[1].List!);
    }

    [Fact]
    public void Dataset_keys_take_strings_and_lists_as_in_mlflow()
    {
        var clauses = SearchFilterParser.Parse("datasets.name IN ('a', 'b') AND datasets.digest NOT IN ('d') AND datasets.context LIKE 'tr%'");
        Assert.Equal((new SearchKey(SearchEntity.Dataset, "name"), "IN"), (clauses[0].Key, clauses[0].Operator));
        Assert.Equal(["a", "b"], clauses[0].List!);
        Assert.Equal(("NOT IN", "digest"), (clauses[1].Operator, clauses[1].Key.Name));
        Assert.Equal(new FilterClause(new SearchKey(SearchEntity.Dataset, "context"), "LIKE", Text: "tr%"), clauses[2]);
    }

    [Fact]
    public void Normalizes_alternative_operators()
    {
        Assert.Equal("!=", SearchFilterParser.Parse("metrics.a <> 1")[0].Operator);
        Assert.Equal("=", SearchFilterParser.Parse("metrics.a == 1")[0].Operator);
        Assert.Equal("LIKE", SearchFilterParser.Parse("tags.a like 'x'")[0].Operator);
    }

    [Theory]
    [InlineData("metrics.acc > 'x'", "expected a number")]
    [InlineData("params.lr > '1'", "Invalid comparator '>'")]
    [InlineData("metrics.acc LIKE '1'", "Invalid comparator 'LIKE'")]
    [InlineData("metrics.a > 1 OR metrics.b > 1", "OR is not supported")]
    [InlineData("foo.bar = 'x'", "Invalid entity type 'foo'")]
    [InlineData("attributes.nope = 'x'", "Invalid attribute key 'nope'")]
    [InlineData("tags.t = 'open", "Unterminated quoted text starting at position 9")]
    [InlineData("metrics.acc >", "end of input")]
    [InlineData("metrics.acc > 1 metrics.b > 2", "expected AND or end of input, got 'metrics.b' at position 16")]
    [InlineData("`a` = 1", "needs a prefix")]
    [InlineData("metrics.a ! 1", "Invalid operator '!' at position 10")]
    [InlineData("attributes.run_id IN 'a'", "expected '(' after IN")]
    [InlineData("attributes.run_id IN ('a' 'b')", "expected ',' or ')'")]
    [InlineData("tags.t IN ('a')", "Invalid comparator 'IN'")]
    [InlineData("params.p NOT IN ('a')", "Invalid comparator 'NOT IN'")]
    [InlineData("attributes.run_name IN ('a')", "only the 'run_id' and 'status' attributes support comparison with a list")]
    [InlineData("metrics.m IN (1)", "Invalid comparator 'IN'")]
    [InlineData("loss > 1", "Invalid identifier 'loss' at position 0")]
    [InlineData("metrics.a > 1 AND", "expected an identifier, got end of input")]
    [InlineData("metrics.a > 1 # x", "Unexpected character '#' at position 14")]
    [InlineData("datasets.size = 'x'", "Invalid dataset key 'size' at position 0: expected one of name, digest, context")]
    [InlineData("datasets.name > 'x'", "Invalid comparator '>' at position 14 for 'datasets.name' at position 0")]
    [InlineData("datasets.digest = 1", "expected a quoted string for 'datasets.digest'")]
    [InlineData("models.name = 'x'", "Invalid entity type 'models'")]
    public void Reports_errors_with_position_or_token(string filter, string expected)
    {
        var ex = Assert.Throws<SearchSyntaxException>(() => SearchFilterParser.Parse(filter));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Experiment_attributes_are_their_own_set()
    {
        var key = SearchFilterParser.Parse("attributes.creation_time > 1 and name = 'x'", SearchAttributes.Experiments)[0].Key;
        Assert.True(key.IsNumeric);
        Assert.Throws<SearchSyntaxException>(() => SearchFilterParser.Parse("attributes.status = 'x'", SearchAttributes.Experiments));
    }

    [Fact]
    public void Refuses_more_comparisons_than_the_limit_and_nul_characters()
    {
        var filter = string.Join(" AND ", Enumerable.Range(0, SearchFilterParser.MaxClauses).Select(k => $"metrics.m{k} > 0"));
        Assert.Equal(SearchFilterParser.MaxClauses, SearchFilterParser.Parse(filter).Count);
        Assert.Equal("Invalid filter: more than 100 comparisons",
            Assert.Throws<SearchSyntaxException>(() => SearchFilterParser.Parse(filter + " AND metrics.x > 0")).Message);
        Assert.Equal("Invalid character NUL at position 15",
            Assert.Throws<SearchSyntaxException>(() => SearchFilterParser.Parse("params.lr = '0.\01'")).Message);
    }
}
