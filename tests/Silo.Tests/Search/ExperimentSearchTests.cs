using Platform.Contracts.Tracking;
using Platform.Silo.Search;

namespace Platform.Silo.Tests.Search;

public sealed class ExperimentSearchTests
{
    private static readonly Experiment[] All =
    [
        new("1", "alpha", "", "active", 10, 10, [new ExperimentTag("team", "x")]),
        new("2", "Beta", "", "active", 20, 20, []),
        new("3", "gamma", "", "deleted", 30, 30, [new ExperimentTag("team", "y")]),
    ];

    private static string[] Names(ExperimentPage page) => page.Experiments.Select(e => e.Name).ToArray();

    [Fact]
    public void Defaults_to_active_newest_first() =>
        Assert.Equal(["Beta", "alpha"], Names(ExperimentSearch.Apply(All, null, null, ViewType.ACTIVE_ONLY, 10, null)));

    [Fact]
    public void Filters_by_name_tags_and_times()
    {
        Assert.Equal(["alpha"], Names(ExperimentSearch.Apply(All, "name LIKE 'a%'", null, ViewType.ALL, 10, null)));
        Assert.Equal(["Beta", "alpha"], Names(ExperimentSearch.Apply(All, "name ILIKE '%A%'", null, ViewType.ACTIVE_ONLY, 10, null)));
        Assert.Equal(["gamma"], Names(ExperimentSearch.Apply(All, "tags.team = 'y'", null, ViewType.ALL, 10, null)));
        Assert.Equal(["gamma", "Beta"], Names(ExperimentSearch.Apply(All, "creation_time >= 20", null, ViewType.ALL, 10, null)));
    }

    [Fact]
    public void A_pattern_that_would_backtrack_exponentially_answers_on_a_long_name()
    {
        // A backtracking matcher spends seconds per experiment here; the answer must come, and be right.
        Experiment[] longNames = [new("1", new string('a', 5000), "", "active", 1, 1, []), new("2", new string('a', 4999) + "b", "", "active", 2, 2, [])];

        var page = ExperimentSearch.Apply(longNames, "name LIKE '%a%a%a%a%a%a%a%a%a%a%b'", null, ViewType.ALL, 10, null);

        Assert.Equal(["2"], page.Experiments.Select(e => e.ExperimentId));
    }

    [Fact]
    public void Orders_and_pages()
    {
        var first = ExperimentSearch.Apply(All, null, ["name ASC"], ViewType.ALL, 2, null);
        Assert.Equal(["Beta", "alpha"], Names(first)); // ordinal order: upper case first
        var second = ExperimentSearch.Apply(All, null, ["name ASC"], ViewType.ALL, 2, first.NextPageToken);
        Assert.Equal(["gamma"], Names(second));
        Assert.Null(second.NextPageToken);
    }

    [Fact]
    public void Refuses_metric_filters_and_non_attribute_order()
    {
        Assert.Throws<SearchSyntaxException>(() => ExperimentSearch.Apply(All, "metrics.a > 1", null, ViewType.ALL, 10, null));
        Assert.Throws<SearchSyntaxException>(() => ExperimentSearch.Apply(All, null, ["tags.team"], ViewType.ALL, 10, null));
    }
}
