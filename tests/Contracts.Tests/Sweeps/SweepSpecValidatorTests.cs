using Platform.Contracts.Catalog;
using Platform.Contracts.Sweeps;
using static Platform.Contracts.Tests.Sweeps.SweepTestHelpers;

namespace Platform.Contracts.Tests.Sweeps;

public class SweepSpecValidatorTests
{
    private static void Validate(string yaml) => SweepSpecValidator.Validate(SweepSpecParser.Parse(yaml));

    [Fact]
    public void Returns_the_assignment()
    {
        var assignment = SweepSpecValidator.Validate(SweepSpecParser.Parse(
            "assignment: c1w3-planar-data\nmethod: grid\nmetric: {name: train_accuracy}\nparameters: {n_h: {values: [1, 2]}}\n"));
        Assert.Equal("c1w3-planar-data", assignment.Id);
    }

    [Fact]
    public void Unknown_assignment_lists_the_known_ids()
    {
        AssertError(SingleError(() => Validate("method: grid\nassignment: c9-nope\nparameters: {x: {value: 1}}\n")),
            "assignment", 2, $"unknown assignment 'c9-nope' (known: {string.Join(", ", AssignmentCatalog.All.Select(a => a.Id))})");
    }

    [Fact]
    public void Reports_every_catalog_error_with_path_and_line()
    {
        var errors = Errors(() => Validate("""
            assignment: c1w2-logistic-regression
            method: grid
            metric:
              name: accuracy
            parameters:
              learning_rate:
                values: [0.01, -1, abc, 1e-2]
              foo:
                values: [1]
              num_iterations:
                value: 2.5
            """));

        Assert.Equal(6, errors.Count);
        AssertError(errors[0], "metric.name", 4, "unknown metric 'accuracy' for c1w2-logistic-regression (known: cost, train_accuracy, test_accuracy)");
        AssertError(errors[1], "parameters.learning_rate.values[1]", 7, "must be in (0, 100], got -1");
        AssertError(errors[2], "parameters.learning_rate.values[2]", 7, "expected a finite number, got 'abc'");
        AssertError(errors[3], "parameters.learning_rate.values[3]", 7, "duplicates values[0] (both are 0.01)");
        AssertError(errors[4], "parameters.foo", 8, "unknown hyperparameter 'foo' for c1w2-logistic-regression (known: num_iterations, learning_rate, dtype)");
        AssertError(errors[5], "parameters.num_iterations.value", 11, "expected an integer, got '2.5'");
    }

    [Fact]
    public void Block_list_values_report_their_own_lines()
    {
        AssertError(SingleError(() => Validate("""
            assignment: c1w3-planar-data
            method: grid
            parameters:
              n_h:
                values:
                  - 1
                  - 0
            """)),
            "parameters.n_h.values[1]", 7, "must be in [1, 10000], got 0");
    }

    [Theory]
    [InlineData("distribution: uniform\n    min: 0\n    max: 0.1", "parameters.learning_rate.min", 6, "must be in (0, 100], got 0")]
    [InlineData("distribution: uniform\n    min: 0.1\n    max: 200", "parameters.learning_rate.max", 7, "must be in (0, 100], got 200")]
    [InlineData("distribution: log_uniform_values\n    min: 0.001\n    max: 101", "parameters.learning_rate.max", 7, "must be in (0, 100], got 101")]
    [InlineData("distribution: log_uniform\n    min: -5\n    max: 5", "parameters.learning_rate.max", 7,
        "distribution log_uniform reaches 148.4131591025766 here, which must be in (0, 100], got 148.4131591025766")]
    [InlineData("distribution: q_uniform\n    min: 0.001\n    max: 1\n    q: 0.01", "parameters.learning_rate.min", 6,
        "distribution q_uniform reaches 0.0 here, which must be in (0, 100], got 0")]
    [InlineData("distribution: normal\n    mu: -1\n    sigma: 1", "parameters.learning_rate.mu", 6, "must be in (0, 100], got -1")]
    public void Distribution_ranges_must_fit_the_hyperparameter(string settings, string path, int line, string message)
    {
        AssertError(SingleError(() => Validate($"assignment: c1w2-logistic-regression\nmethod: random\nparameters:\n  learning_rate:\n    {settings}\n")),
            path, line, message);
    }

    [Theory]
    [InlineData("distribution: log_uniform\n    min: -9.2\n    max: -2.3")]
    [InlineData("distribution: inv_log_uniform\n    min: 1\n    max: 5")]
    [InlineData("distribution: log_normal\n    mu: -3\n    sigma: 1")]
    [InlineData("min: 0.0001\n    max: 0.5")]
    public void Distributions_inside_the_range_pass(string settings)
    {
        Validate($"assignment: c1w2-logistic-regression\nmethod: random\nparameters:\n  learning_rate:\n    {settings}\n");
    }

    [Fact]
    public void Integer_hyperparameters_need_integer_distributions()
    {
        var errors = Errors(() => Validate("""
            assignment: c1w3-planar-data
            method: random
            parameters:
              n_h:
                distribution: uniform
                min: 1
                max: 10
              num_iterations:
                distribution: q_log_uniform_values
                min: 100
                max: 10000
                q: 0.5
            """));

        AssertError(errors[0], "parameters.n_h", 4,
            "distribution uniform gives fractional values but n_h is an integer; use int_uniform, a q_ distribution or `values`");
        AssertError(errors[1], "parameters.num_iterations.q", 12, "must be a whole number because num_iterations is an integer, got 0.5");
        Validate("assignment: c1w3-planar-data\nmethod: random\nparameters:\n  n_h: {min: 1, max: 50}\n  num_iterations: {distribution: q_log_uniform_values, min: 100, max: 10000, q: 100}\n");
        AssertError(SingleError(() => Validate("assignment: c1w3-planar-data\nmethod: random\nparameters:\n  n_h: {min: 0, max: 50}\n")),
            "parameters.n_h.min", 4, "must be in [1, 10000], got 0");
    }

    [Fact]
    public void Nested_groups_are_rejected_for_flat_assignments()
    {
        AssertError(SingleError(() => Validate("assignment: c1w3-planar-data\nmethod: grid\nparameters:\n  net:\n    parameters:\n      n_h: {values: [1]}\n")),
            "parameters.net", 4, "nested parameter groups are not supported by c1w3-planar-data; its hyperparameters are flat (known: n_h, num_iterations, learning_rate, dtype)");
    }

    [Fact]
    public void Non_numeric_hyperparameters_reject_distributions()
    {
        var spec = SweepSpecParser.Parse("assignment: test-deep-net\nmethod: random\nparameters:\n  layers_dims: {min: 1, max: 5}\n");
        AssertError(SingleError(() => SweepSpecValidator.Validate(spec, CatalogWithDeepNet)),
            "parameters.layers_dims", 4, "distribution int_uniform needs a numeric hyperparameter, but layers_dims is IntList; use `values`");
    }
}
