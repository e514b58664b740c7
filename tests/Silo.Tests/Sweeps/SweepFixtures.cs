using Platform.Contracts.Catalog;
using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Search;

namespace Platform.Silo.Tests.Sweeps;

/// <summary>A made-up assignment with every kind of numeric range, and helpers to build sweeps over it.</summary>
internal static class SweepFixtures
{
    public static AssignmentDescriptor Toy { get; } = new(
        "test-toy",
        "test",
        [
            new("x", HyperparameterType.Float, "0.0", "first coordinate", Min: -10, Max: 10),
            new("y", HyperparameterType.Float, "0.0", "second coordinate", Min: -10, Max: 10),
            new("lr", HyperparameterType.Float, "0.01", "step", Min: 0, MinExclusive: true, Max: 100),
            new("n", HyperparameterType.Int, "4", "width", Min: 0, Max: 1000),
            new("opt", HyperparameterType.String, "sgd", "optimizer", Choices: ["sgd", "adam", "rmsprop"]),
            new("seed", HyperparameterType.Int, "1", "seed"),
        ],
        ["loss", "accuracy"],
        []);

    public static SweepSpec Spec(string method, string parameters, string extra = "", string goal = "minimize") =>
        SweepSpecParser.Parse($$"""
            assignment: test-toy
            method: {{method}}
            metric: {name: loss, goal: {{goal}}}
            {{extra}}
            parameters:
            {{parameters}}
            """);

    public static SearchSpace Space(string parameters) => SearchSpace.Create(Spec("random", parameters), Toy);

    public static double[] Draw(string parameter, string name, int count, int seed = 7)
    {
        var search = new RandomSearch(Space(parameter), seed);
        return search.Suggest(0, count, []).Select(s => double.Parse(s.Params[name], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}
