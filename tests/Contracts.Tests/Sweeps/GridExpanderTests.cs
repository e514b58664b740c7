using Platform.Contracts.Catalog.Assignments;
using Platform.Contracts.Sweeps;
using static Platform.Contracts.Tests.Sweeps.SweepTestHelpers;

namespace Platform.Contracts.Tests.Sweeps;

public class GridExpanderTests
{
    [Fact]
    public void Cartesian_product_in_file_order_with_the_last_parameter_fastest_and_defaults_filled()
    {
        var plan = SweepPlanner.Plan("""
            assignment: c1w3-planar-data
            method: grid
            parameters:
              n_h:
                values: [1, 2]
              learning_rate:
                values: [0.5, 1e0, 2]
            """);

        Assert.Equal(6, plan.Trials.Count);
        Assert.Equal(
            ["1/0.5", "1/1.0", "1/2.0", "2/0.5", "2/1.0", "2/2.0"],
            plan.Trials.Select(t => $"{t["n_h"]}/{t["learning_rate"]}"));
        Assert.All(plan.Trials, t =>
        {
            Assert.Equal(["n_h", "num_iterations", "learning_rate", "dtype"], t.Keys.OrderBy(k => k == "n_h" ? 0 : k == "num_iterations" ? 1 : k == "learning_rate" ? 2 : 3));
            Assert.Equal("10000", t["num_iterations"]);
        });
    }

    [Fact]
    public void Order_follows_the_file_not_the_catalog()
    {
        var trials = SweepPlanner.Plan("assignment: c1w3-planar-data\nmethod: grid\nparameters:\n  learning_rate: {values: [0.1, 0.2]}\n  n_h: {values: [3, 4]}\n").Trials;
        Assert.Equal(["0.1/3", "0.1/4", "0.2/3", "0.2/4"], trials.Select(t => $"{t["learning_rate"]}/{t["n_h"]}"));
    }

    [Fact]
    public void Run_cap_truncates_the_grid()
    {
        var plan = SweepPlanner.Plan("""
            assignment: c1w2-logistic-regression
            method: grid
            run_cap: 3
            parameters:
              num_iterations: {values: [100, 200]}
              learning_rate: {values: [0.001, 0.01, 0.1]}
            """);

        Assert.Equal(["100/0.001", "100/0.01", "100/0.1"], plan.Trials.Select(t => $"{t["num_iterations"]}/{t["learning_rate"]}"));
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("1e-2")]
    [InlineData("1.0E-2")]
    [InlineData("'0.010'")]
    public void Values_are_canonicalized(string written)
    {
        var trial = Assert.Single(SweepPlanner.Plan($"assignment: c1w2-logistic-regression\nmethod: grid\nparameters:\n  learning_rate: {{values: [{written}]}}\n").Trials);
        Assert.Equal("0.01", trial["learning_rate"]);
        Assert.Equal("2000", trial["num_iterations"]);
    }

    [Fact]
    public void A_single_value_gives_one_complete_trial()
    {
        var trial = Assert.Single(SweepPlanner.Plan("assignment: c1w2-logistic-regression\nmethod: grid\nparameters:\n  num_iterations: {value: 1e3}\n").Trials);
        Assert.Equal(new Dictionary<string, string> { ["num_iterations"] = "1000", ["learning_rate"] = "0.005", ["dtype"] = "float64" }, trial);
    }

    [Fact]
    public void List_hyperparameters_take_lists_as_values()
    {
        var plan = SweepPlanner.Plan("""
            assignment: test-deep-net
            method: grid
            parameters:
              layers_dims:
                values: [[2,3], [4, 5]]
              print_cost:
                values: [yes, false]
            """, CatalogWithDeepNet);

        Assert.Equal(
            ["[2, 3]/true", "[2, 3]/false", "[4, 5]/true", "[4, 5]/false"],
            plan.Trials.Select(t => $"{t["layers_dims"]}/{t["print_cost"]}"));
        Assert.All(plan.Trials, t => Assert.Equal("he", t["init"]));
    }

    [Fact]
    public void A_scalar_for_a_list_hyperparameter_is_an_error_with_its_line()
    {
        AssertError(SingleError(() => SweepPlanner.Plan("assignment: test-deep-net\nmethod: grid\nparameters:\n  layers_dims:\n    values: [[2, 3], 4]\n", CatalogWithDeepNet)),
            "parameters.layers_dims.values[1]", 5, "expected a list such as [12288, 20, 7, 5, 1], got '4'");
    }

    [Fact]
    public void Oversized_grids_need_a_run_cap()
    {
        var values = "[" + string.Join(", ", Enumerable.Range(1, 200)) + "]";
        var yaml = $"assignment: c1w3-planar-data\nmethod: grid\nparameters:\n  n_h: {{values: {values}}}\n  num_iterations: {{values: {values}}}\n";
        AssertError(SingleError(() => SweepPlanner.Plan(yaml)), "parameters", null,
            "the grid has 40000 trials, more than the limit of 10000; set run_cap or use fewer values");
        Assert.Equal(50, SweepPlanner.Plan(yaml + "run_cap: 50\n").Trials.Count);
    }

    [Fact]
    public void Expand_rejects_non_grid_methods_and_continuous_parameters()
    {
        var random = SweepSpecParser.Parse("assignment: c1w3-planar-data\nmethod: random\nparameters:\n  n_h: {min: 1, max: 4}\n");
        AssertError(SingleError(() => GridExpander.Expand(random, C1W3PlanarData.Descriptor)), "method", null, "only method grid is expanded up front, got random");
        AssertError(SingleError(() => GridExpander.Expand(random with { Method = SweepMethod.Grid }, C1W3PlanarData.Descriptor)),
            "parameters.n_h", 4, "grid search needs `values` for parameters.n_h, not distribution int_uniform");
    }

    [Fact]
    public void Plan_carries_experiment_and_definition_and_leaves_random_unexpanded()
    {
        const string yaml = "assignment: c1w3-planar-data\nexperiment: planar\nmethod: random\nparameters:\n  n_h: {min: 1, max: 4}\n";
        var plan = SweepPlanner.Plan(yaml);
        Assert.Equal("planar", plan.ExperimentName);
        Assert.Same(C1W3PlanarData.Descriptor, plan.Assignment);
        Assert.Empty(plan.Trials);
        var definition = plan.ToDefinition();
        Assert.Equal(("c1w3-planar-data", "planar", yaml), (definition.Assignment, definition.ExperimentName, definition.Yaml));
    }

    [Fact]
    public void Plan_reports_structural_errors_before_catalog_errors()
    {
        AssertError(SingleError(() => SweepPlanner.Plan("assignment: nope\nmethod: sideways\nparameters: {x: {value: 1}}\n")),
            "method", 2, "must be one of grid, random, bayes; got 'sideways'");
    }
}
