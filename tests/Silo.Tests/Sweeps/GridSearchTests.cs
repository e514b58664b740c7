using Platform.Silo.Sweeps.Search;

namespace Platform.Silo.Tests.Sweeps;

public sealed class GridSearchTests
{
    private static readonly ISearchAlgorithm Grid = SearchAlgorithms.Create(
        SweepFixtures.Spec("grid", "  n: {values: [1, 2]}\n  opt: {values: [sgd, adam]}"), SweepFixtures.Toy, seed: 0);

    [Fact]
    public void EnumeratesTheCartesianProductInOrderThenStops()
    {
        var first = Grid.Suggest(0, 3, []);
        var rest = Grid.Suggest(3, 10, []);

        Assert.Equal(["1/sgd", "1/adam", "2/sgd"], first.Select(s => $"{s.Params["n"]}/{s.Params["opt"]}"));
        Assert.Equal([0, 1, 2], first.Select(s => s.Index));
        Assert.Equal("2/adam", Assert.Single(rest).Params["n"] + "/" + rest[0].Params["opt"]);
        Assert.Empty(Grid.Suggest(4, 10, []));
    }

    [Fact]
    public void SuggestionsAreCompleteCanonicalSets()
    {
        var suggestion = Grid.Suggest(0, 1, [])[0];

        Assert.Equal(SweepFixtures.Toy.Hyperparameters.Select(h => h.Name).Order(), suggestion.Params.Keys.Order());
        Assert.Equal("0.01", suggestion.Params["lr"]);
    }
}
