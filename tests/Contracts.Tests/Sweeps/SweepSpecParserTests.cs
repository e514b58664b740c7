using Platform.Contracts.Sweeps;
using Platform.Contracts.Validation;
using YamlDotNet.RepresentationModel;
using static Platform.Contracts.Tests.Sweeps.SweepTestHelpers;

namespace Platform.Contracts.Tests.Sweeps;

public class SweepSpecParserTests
{
    [Fact]
    public void Parses_every_field()
    {
        var spec = SweepSpecParser.Parse("""
            assignment: c1w2-logistic-regression
            experiment: lr-study
            name: first sweep
            description: learning rate vs iterations
            program: train.py
            command: [python, train.py]
            method: bayes
            metric:
              name: test_accuracy
              goal: maximize
              target: 0.9
            early_terminate:
              type: hyperband
              min_iter: 3
              eta: 2
              strict: true
            run_cap: 20
            parameters:
              learning_rate:
                distribution: log_uniform_values
                min: 0.0001
                max: 0.1
              num_iterations:
                values: [100, 500]
            """);

        Assert.Equal("c1w2-logistic-regression", spec.Assignment);
        Assert.Equal(1, spec.AssignmentLine);
        Assert.Equal("lr-study", spec.Experiment);
        Assert.Equal("lr-study", spec.ExperimentName);
        Assert.Equal("first sweep", spec.Name);
        Assert.Equal("learning rate vs iterations", spec.Description);
        Assert.Equal(SweepMethod.Bayes, spec.Method);
        Assert.Equal(new SweepMetric("test_accuracy", MetricGoal.Maximize, 0.9, 9), spec.Metric);
        Assert.Equal(new EarlyTerminateSpec("hyperband", 3, null, null, 2, true, 13), spec.EarlyTerminate);
        Assert.Equal(20, spec.RunCap);
        Assert.Equal(["learning_rate", "num_iterations"], spec.Parameters.Select(p => p.Name));

        var lr = spec.Parameters[0];
        Assert.Equal("parameters.learning_rate", lr.Path);
        Assert.Equal(19, lr.Line);
        Assert.Equal(ParameterDistribution.LogUniformValues, lr.Distribution);
        Assert.Equal(new SweepNumber(0.0001, 21), lr.Min);
        Assert.Equal(new SweepNumber(0.1, 22), lr.Max);
        Assert.Null(lr.DiscreteValues);

        var iterations = spec.Parameters[1];
        Assert.Equal(ParameterDistribution.Categorical, iterations.Distribution);
        Assert.Equal(["100", "500"], iterations.Values!.Select(v => v.Text));
        Assert.Equal(24, iterations.Values![0].Line);
    }

    [Fact]
    public void Experiment_defaults_to_the_assignment_and_optional_fields_to_null()
    {
        var spec = SweepSpecParser.Parse("""
            assignment: c1w3-planar-data
            method: random
            parameters:
              n_h: {value: 5}
            """);

        Assert.Equal("c1w3-planar-data", spec.ExperimentName);
        Assert.Null(spec.Experiment);
        Assert.Null(spec.Metric);
        Assert.Null(spec.EarlyTerminate);
        Assert.Null(spec.RunCap);
        Assert.Equal(ParameterDistribution.Constant, spec.Parameters[0].Distribution);
        Assert.Equal("5", Assert.Single(spec.Parameters[0].DiscreteValues!).Text);
    }

    [Fact]
    public void Metric_goal_defaults_to_minimize_and_hyperband_accepts_max_iter_with_s()
    {
        var spec = SweepSpecParser.Parse("""
            assignment: a
            method: random
            metric: {name: cost}
            early_terminate: {type: hyperband, max_iter: 27, s: 2}
            parameters:
              x: {min: 1, max: 5}
            """);

        Assert.Equal(MetricGoal.Minimize, spec.Metric!.Goal);
        Assert.Null(spec.Metric.Target);
        Assert.Equal(new EarlyTerminateSpec("hyperband", null, 27, 2, 3, false, 4), spec.EarlyTerminate);
    }

    [Fact]
    public void Median_takes_min_iter_and_min_trials()
    {
        var spec = SweepSpecParser.Parse("""
            assignment: a
            method: random
            metric: {name: cost}
            early_terminate: {type: median, min_iter: 5, min_trials: 4}
            parameters:
              x: {min: 1, max: 5}
            """);

        Assert.Equal(new EarlyTerminateSpec("median", 5, null, null, 3, false, 4, MinTrials: 4), spec.EarlyTerminate);
        Assert.Equal(new EarlyTerminateSpec("median", null, null, null, 3, false, 1),
            SweepSpecParser.Parse("early_terminate: {type: median}\nmetric: {name: cost}\nassignment: a\nmethod: random\nparameters: {x: {value: 1}}\n").EarlyTerminate);
    }

    [Fact]
    public void A_setting_of_the_other_type_is_reported_at_its_own_line()
    {
        AssertError(SingleError(() => SweepSpecParser.Parse("""
            assignment: a
            method: random
            metric: {name: cost}
            early_terminate:
              type: median
              min_trials: 2
              eta: 3
            parameters: {x: {value: 1}}
            """)), "early_terminate.eta", 7, "is a hyperband setting; median takes min_iter and min_trials");
    }

    [Fact]
    public void Early_terminate_without_a_metric_is_an_error_at_its_line()
    {
        AssertError(SingleError(() => SweepSpecParser.Parse("assignment: a\nmethod: random\nparameters: {x: {value: 1}}\nearly_terminate: {type: median}\n")),
            "metric", 4, "is required with early_terminate (it compares trials by the metric)");
    }

    [Theory]
    [InlineData("{type: median, max_iter: 9}", "early_terminate.max_iter", "is a hyperband setting; median takes min_iter and min_trials")]
    [InlineData("{type: median, eta: 2}", "early_terminate.eta", "is a hyperband setting; median takes min_iter and min_trials")]
    [InlineData("{type: median, min_trials: 0}", "early_terminate.min_trials", "must be at least 1, got 0")]
    [InlineData("{type: hyperband, min_iter: 3, min_trials: 2}", "early_terminate.min_trials", "is a median setting; hyperband takes min_iter, or max_iter and s, eta and strict")]
    public void Settings_of_the_other_early_terminate_type_are_errors(string terminate, string path, string message)
    {
        AssertError(SingleError(() => SweepSpecParser.Parse($"assignment: a\nmethod: random\nearly_terminate: {terminate}\nmetric: {{name: cost}}\nparameters: {{x: {{value: 1}}}}\n")),
            path, 3, message);
    }

    [Theory]
    [InlineData("min: 1, max: 5", ParameterDistribution.IntUniform)]
    [InlineData("min: 0.1, max: 5", ParameterDistribution.Uniform)]
    [InlineData("values: [1, 2]", ParameterDistribution.Categorical)]
    [InlineData("value: 1", ParameterDistribution.Constant)]
    public void Infers_the_distribution_like_wandb(string body, ParameterDistribution expected)
    {
        var spec = SweepSpecParser.Parse($"assignment: a\nmethod: random\nparameters:\n  x: {{{body}}}\n");
        Assert.Equal(expected, spec.Parameters[0].Distribution);
    }

    [Theory]
    [InlineData("constant", "value: 3")]
    [InlineData("categorical", "values: [1, 2], probabilities: [0.25, 0.75]")]
    [InlineData("int_uniform", "min: 1, max: 9")]
    [InlineData("uniform", "min: 0.1, max: 0.9")]
    [InlineData("q_uniform", "min: 0, max: 10, q: 2")]
    [InlineData("log_uniform", "min: -9, max: -1")]
    [InlineData("log_uniform_values", "min: 0.001, max: 1")]
    [InlineData("q_log_uniform", "min: 0, max: 5, q: 1")]
    [InlineData("q_log_uniform_values", "min: 1, max: 100, q: 1")]
    [InlineData("inv_log_uniform", "min: 1, max: 5")]
    [InlineData("inv_log_uniform_values", "min: 0.01, max: 1")]
    [InlineData("normal", "mu: 0, sigma: 1")]
    [InlineData("q_normal", "mu: 10, sigma: 2, q: 1")]
    [InlineData("log_normal", "mu: -3, sigma: 1")]
    [InlineData("q_log_normal", "mu: 3, sigma: 1, q: 1")]
    public void Accepts_every_wandb_distribution(string name, string settings)
    {
        var spec = SweepSpecParser.Parse($"assignment: a\nmethod: random\nparameters:\n  x: {{distribution: {name}, {settings}}}\n");
        Assert.Equal(name, spec.Parameters[0].Distribution!.Value.Name());
    }

    [Fact]
    public void Models_nested_parameter_groups()
    {
        var spec = SweepSpecParser.Parse("""
            assignment: a
            method: grid
            parameters:
              optimizer:
                parameters:
                  beta1:
                    values: [0.9, 0.99]
            """);

        var group = Assert.Single(spec.Parameters);
        Assert.True(group.IsGroup);
        Assert.Null(group.Distribution);
        var member = Assert.Single(group.Parameters!);
        Assert.Equal("parameters.optimizer.parameters.beta1", member.Path);
        Assert.Equal(6, member.Line);
    }

    [Fact]
    public void List_values_stay_yaml_sequences()
    {
        var spec = SweepSpecParser.Parse("""
            assignment: a
            method: grid
            parameters:
              layers_dims:
                values: [[2, 3], [4, 5]]
            """);

        var values = spec.Parameters[0].Values!;
        Assert.All(values, v => Assert.IsType<YamlSequenceNode>(v.Node));
        Assert.Equal(["[2, 3]", "[4, 5]"], values.Select(v => v.Text));
    }

    [Fact]
    public void Malformed_yaml_reports_the_line_of_the_yaml_error()
    {
        var error = SingleError(() => SweepSpecParser.Parse("assignment: a\nmethod: grid\nparameters:\n  x: {value: 'open\n"));
        Assert.Equal("yaml", error.Path);
        Assert.StartsWith("not valid YAML: ", error.Message);
        Assert.DoesNotContain("Line:", error.Message);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Yaml_nested_deeper_than_the_limit_is_refused_before_it_can_overflow_the_stack()
    {
        // 100,000 levels overflow the stack of YamlDotNet's recursive loader and kill the process; the limit comes first.
        var error = SingleError(() => SweepSpecParser.Parse("assignment: a\nparameters:\n  x: " + new string('[', 100_000)));
        Assert.Equal("yaml", error.Path);
        Assert.Equal("not valid YAML: nested more than 64 levels deep", error.Message);
        Assert.Equal(3, error.Line);

        var nested = "assignment: a\nmethod: grid\nparameters:\n  x: {values: " + new string('[', 64) + "1" + new string(']', 64) + "}\n";
        Assert.Equal("yaml", SingleError(() => SweepSpecParser.Parse(nested)).Path);
    }

    [Fact]
    public void A_sweep_file_over_a_mebibyte_is_refused()
    {
        var error = SingleError(() => SweepSpecParser.Parse("assignment: a\n#" + new string('x', BoundedYaml.MaxCharacters)));
        Assert.Equal("yaml", error.Path);
        Assert.StartsWith("not valid YAML: the document has 1,048,5", error.Message);
    }

    [Fact]
    public void Yaml_that_crashes_the_scanner_is_still_a_validation_error()
    {
        // YamlDotNet throws InvalidOperationException rather than YamlException here, so there is no line to report.
        var error = SingleError(() => SweepSpecParser.Parse("assignment: a\nmethod: grid\nparameters:\n  x: [1, 2\n  y: 3\n"));
        Assert.Equal("yaml", error.Path);
        Assert.StartsWith("not valid YAML: ", error.Message);
    }

    [Fact]
    public void Duplicate_keys_are_a_yaml_error()
    {
        var error = SingleError(() => SweepSpecParser.Parse("assignment: a\nmethod: grid\nmethod: random\nparameters: {x: {value: 1}}\n"));
        Assert.Equal("yaml", error.Path);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Empty_file_and_non_mapping_root_are_errors()
    {
        AssertError(SingleError(() => SweepSpecParser.Parse("")), "sweep", 1, "the sweep file is empty");
        AssertError(SingleError(() => SweepSpecParser.Parse("- a\n- b\n")), "sweep", 1, "expected a mapping, got a list");
    }

    [Fact]
    public void Reports_all_top_level_errors_together()
    {
        var errors = Errors(() => SweepSpecParser.Parse("""
            assignment: [a, b]
            method: annealing
            runcap: 5
            run_cap: 0
            metric:
              name: cost
              goal: up
              weight: 2
            early_terminate:
              type: bohb
              eta: 1
            """));

        Assert.Equal(9, errors.Count);
        AssertError(errors[0], "assignment", 1, "expected a string, got a list");
        AssertError(errors[1], "parameters", 1, "is required");
        AssertError(errors[2], "method", 2, "must be one of grid, random, bayes; got 'annealing'");
        AssertError(errors[3], "runcap", 3,
            "unknown key 'runcap' (allowed: assignment, experiment, name, description, method, metric, parameters, early_terminate, run_cap, resources)");
        AssertError(errors[4], "run_cap", 4, "must be at least 1, got 0");
        AssertError(errors[5], "metric.goal", 7, "must be one of minimize, maximize; got 'up'");
        AssertError(errors[6], "metric.weight", 8, "unknown key 'weight' (allowed: name, goal, target)");
        AssertError(errors[7], "early_terminate.type", 10, "must be one of hyperband, median; got 'bohb'");
        AssertError(errors[8], "early_terminate.eta", 11, "must be at least 2, got 1");
    }

    [Fact]
    public void Missing_required_keys_are_reported_at_the_root()
    {
        var errors = Errors(() => SweepSpecParser.Parse("description: nothing else\n"));
        Assert.Equal(["assignment", "method", "parameters"], errors.Select(e => e.Path));
        Assert.All(errors, e => AssertError(e, e.Path, 1, "is required"));
    }

    [Fact]
    public void Bayes_needs_a_metric_and_metric_needs_a_name()
    {
        AssertError(SingleError(() => SweepSpecParser.Parse("assignment: a\nmethod: bayes\nparameters: {x: {value: 1}}\n")),
            "metric", 2, "is required for method bayes (it needs something to optimize)");
        AssertError(SingleError(() => SweepSpecParser.Parse("assignment: a\nmethod: random\nmetric: {goal: maximize}\nparameters: {x: {value: 1}}\n")),
            "metric.name", 3, "is required");
    }

    [Fact]
    public void Hyperband_max_iter_needs_s()
    {
        AssertError(SingleError(() => SweepSpecParser.Parse("assignment: a\nmethod: random\nearly_terminate: {type: hyperband, max_iter: 9}\nmetric: {name: cost}\nparameters: {x: {value: 1}}\n")),
            "early_terminate.s", 3, "is required with max_iter (or give min_iter)");
    }

    [Fact]
    public void Reports_parameter_shape_errors_with_path_and_line()
    {
        var errors = Errors(() => SweepSpecParser.Parse("""
            assignment: a
            method: random
            parameters:
              empty:
                values: []
              both:
                value: 1
                values: [1, 2]
              nothing:
                step: 2
              scalar: 5
              badnum:
                min: low
                max: 2
              reversed:
                min: 5
                max: 1
              dist:
                distribution: gaussian
            """));

        Assert.Equal(7, errors.Count);
        AssertError(errors[0], "parameters.empty.values", 5, "must be a non-empty list, got []");
        AssertError(errors[1], "parameters.both", 6, "has both `value` and `values`; use one");
        AssertError(errors[2], "parameters.nothing.step", 10,
            "unknown key 'step' (allowed: value, values, distribution, min, max, mu, sigma, q, probabilities, parameters)");
        AssertError(errors[3], "parameters.scalar", 11, "expected a mapping with value, values or distribution, got '5'");
        AssertError(errors[4], "parameters.badnum.min", 13, "expected a finite number, got 'low'");
        AssertError(errors[5], "parameters.reversed.min", 16, "must not be greater than max (1), got 5");
        Assert.Equal("parameters.dist.distribution", errors[6].Path);
        Assert.Equal(19, errors[6].Line);
        Assert.StartsWith("must be one of constant, categorical, int_uniform, uniform, q_uniform, log_uniform, ", errors[6].Message);
        Assert.EndsWith("; got 'gaussian'", errors[6].Message);
    }

    [Fact]
    public void A_parameter_with_nothing_to_sample_is_an_error()
    {
        AssertError(SingleError(() => SweepSpecParser.Parse("assignment: a\nmethod: random\nparameters:\n  x: {}\n")),
            "parameters.x", 4, "needs `value`, `values`, `min` and `max`, or a `distribution`");
    }

    [Fact]
    public void Reports_distribution_setting_errors()
    {
        var errors = Errors(() => SweepSpecParser.Parse("""
            assignment: a
            method: random
            parameters:
              a:
                distribution: uniform
                min: 0
              b:
                distribution: normal
                min: 0
                sigma: 0
              c:
                distribution: int_uniform
                min: 1.5
                max: 4
              d:
                distribution: log_uniform_values
                min: 0
                max: 1
              e:
                values: [1, 2, 3]
                probabilities: [0.5, 0.6]
              f:
                distribution: q_uniform
                min: 0
                max: 1
                q: -1
              g:
                values: [1, 2, 3]
                probabilities: [0.5, 0.5]
            """));

        Assert.Equal(8, errors.Count);
        AssertError(errors[0], "parameters.a.max", 4, "is required for distribution uniform");
        AssertError(errors[1], "parameters.b.min", 9, "is not used by distribution normal");
        AssertError(errors[2], "parameters.b.sigma", 10, "must be greater than 0, got 0");
        AssertError(errors[3], "parameters.c.min", 13, "must be an integer for int_uniform, got 1.5");
        AssertError(errors[4], "parameters.d.min", 17, "must be greater than 0 for log_uniform_values, got 0");
        AssertError(errors[5], "parameters.e.probabilities", 21, "must sum to 1, got 1.1");
        AssertError(errors[6], "parameters.f.q", 26, "must be greater than 0, got -1");
        AssertError(errors[7], "parameters.g.probabilities", 29, "has 2 entries but values has 3");
    }

    [Fact]
    public void Grid_over_a_continuous_distribution_is_an_error()
    {
        AssertError(SingleError(() => SweepSpecParser.Parse("""
            assignment: c1w2-logistic-regression
            method: grid
            parameters:
              num_iterations:
                values: [100, 200]
              learning_rate:
                distribution: uniform
                min: 0.001
                max: 0.1
            """)),
            "parameters.learning_rate", 6, "grid search needs `values` for parameters.learning_rate, not distribution uniform");
    }

    [Fact]
    public void Random_search_accepts_continuous_distributions()
    {
        var spec = SweepSpecParser.Parse("assignment: a\nmethod: random\nparameters:\n  x: {distribution: uniform, min: 0, max: 1}\n");
        Assert.Equal(SweepMethod.Random, spec.Method);
    }

    [Fact]
    public void Null_optional_fields_count_as_absent()
    {
        var spec = SweepSpecParser.Parse("assignment: a\nmethod: random\nrun_cap:\nmetric: ~\nparameters: {x: {value: 1}}\n");
        Assert.Null(spec.RunCap);
        Assert.Null(spec.Metric);
    }
}
