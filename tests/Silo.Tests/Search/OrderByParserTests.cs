using Platform.Silo.Search;

namespace Platform.Silo.Tests.Search;

public sealed class OrderByParserTests
{
    [Theory]
    [InlineData("metrics.cost ASC", SearchEntity.Metric, "cost", true)]
    [InlineData("metrics.`a b` desc", SearchEntity.Metric, "a b", false)]
    [InlineData("attributes.start_time DESC", SearchEntity.Attribute, "start_time", false)]
    [InlineData("params.lr", SearchEntity.Param, "lr", true)]
    [InlineData("start_time", SearchEntity.Attribute, "start_time", true)]
    public void Parses_terms(string text, SearchEntity entity, string name, bool ascending)
    {
        var order = OrderByParser.ParseOne(text);
        Assert.Equal(new OrderClause(new SearchKey(entity, name, entity == SearchEntity.Metric || name == "start_time"), ascending), order);
    }

    [Fact]
    public void Skips_blank_terms() => Assert.Single(OrderByParser.Parse(["", "metrics.a", " "]));

    [Theory]
    [InlineData("metrics.cost SIDEWAYS")]
    [InlineData("metrics.cost ASC extra")]
    [InlineData("cost")]
    [InlineData("datasets.name")]
    public void Refuses_malformed_terms(string text) => Assert.Throws<SearchSyntaxException>(() => OrderByParser.ParseOne(text));

    [Fact]
    public void Refuses_a_key_ordered_twice_as_mlflow_does()
    {
        var ex = Assert.Throws<SearchSyntaxException>(() => OrderByParser.Parse(["metrics.cost ASC", "params.cost", "metric.cost DESC"]));
        Assert.Contains("metric 'cost' is ordered by more than once", ex.Message);
        Assert.Equal(2, OrderByParser.Parse(["metrics.cost", "params.cost"]).Count);
    }

    [Fact]
    public void Refuses_more_terms_than_sql_can_join()
    {
        var terms = Enumerable.Range(0, OrderByParser.MaxTerms + 1).Select(k => $"metrics.m{k}").ToList();
        Assert.Equal(OrderByParser.MaxTerms, OrderByParser.Parse(terms[..^1]).Count);
        Assert.Equal("Invalid order_by: 17 terms, at most 16", Assert.Throws<SearchSyntaxException>(() => OrderByParser.Parse(terms)).Message);
    }
}
