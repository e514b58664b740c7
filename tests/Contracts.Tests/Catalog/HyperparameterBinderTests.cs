using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Contracts.Validation;

namespace Platform.Contracts.Tests.Catalog;

public class HyperparameterBinderTests
{
    private static readonly HyperparameterDescriptor LearningRate = C1W2LogisticRegression.Descriptor.FindHyperparameter("learning_rate")!;
    private static readonly HyperparameterDescriptor Iterations = C1W2LogisticRegression.Descriptor.FindHyperparameter("num_iterations")!;
    private static readonly HyperparameterDescriptor Layers = new("layers_dims", HyperparameterType.IntList, "[2, 1]", "sizes", Min: 1);
    private static readonly HyperparameterDescriptor Flag = new("print_cost", HyperparameterType.Bool, "false", "print");
    private static readonly HyperparameterDescriptor Init = new("init", HyperparameterType.String, "he", "init", Choices: ["he", "zeros"]);
    private static readonly HyperparameterDescriptor Keep = new("keep_prob", HyperparameterType.Float, "0.8", "dropout", Min: 0, Max: 1, MinExclusive: true, MaxExclusive: true);

    private static (bool Ok, string Canonical, string Error) Canon(HyperparameterDescriptor d, string text)
    {
        var ok = HyperparameterBinder.TryCanonicalize(d, text, out var canonical, out var error);
        return (ok, canonical, error);
    }

    [Fact]
    public void Bind_fills_defaults_and_overrides()
    {
        var values = HyperparameterBinder.Bind(C1W2LogisticRegression.Descriptor, new Dictionary<string, string> { ["learning_rate"] = "1e-2" });
        Assert.Equal(new Dictionary<string, string> { ["num_iterations"] = "2000", ["learning_rate"] = "0.01", ["dtype"] = "float64" }, values.Canonical);
        Assert.Equal(0.01, values.GetDouble("learning_rate"));
        Assert.Equal(2000, values.GetInt("num_iterations"));
    }

    [Fact]
    public void Bind_reports_every_problem_with_its_path()
    {
        var errors = Assert.Throws<PlatformValidationException>(() => HyperparameterBinder.Bind(C1W2LogisticRegression.Descriptor,
            new Dictionary<string, string> { ["lr"] = "0.1", ["learning_rate"] = "0", ["num_iterations"] = "ten" })).Errors;
        Assert.Equal(3, errors.Count);
        Assert.Equal(new ValidationError("params.lr", "unknown hyperparameter 'lr' for c1w2-logistic-regression (known: num_iterations, learning_rate, dtype)"), errors[0]);
        Assert.Equal(new ValidationError("params.learning_rate", "must be in (0, 100], got 0"), errors[1]);
        Assert.Equal(new ValidationError("params.num_iterations", "expected an integer, got 'ten'"), errors[2]);
    }

    [Theory]
    [InlineData("0.5", true, "0.5")]
    [InlineData("0", false, "must be in (0, 1), got 0")]
    [InlineData("1", false, "must be in (0, 1), got 1")]
    [InlineData("0.999", true, "0.999")]
    [InlineData("-0.1", false, "must be in (0, 1), got -0.1")]
    public void Exclusive_bounds_exclude_the_ends(string text, bool ok, string expected)
    {
        var result = Canon(Keep, text);
        Assert.Equal(ok, result.Ok);
        Assert.Equal(expected, ok ? result.Canonical : result.Error);
    }

    [Fact]
    public void Inclusive_bounds_include_the_ends()
    {
        Assert.Equal("100.0", Canon(LearningRate, "100").Canonical);
        Assert.Equal("must be in (0, 100], got 100.5", Canon(LearningRate, "100.5").Error);
        Assert.Equal("1", Canon(Iterations, "1").Canonical);
        Assert.Equal("must be in [1, 10000000], got 0", Canon(Iterations, "0").Error);
    }

    [Theory]
    [InlineData("2000", "2000")]
    [InlineData("1e3", "1000")]
    [InlineData("1000.0", "1000")]
    [InlineData("+7", "7")]
    public void Ints_parse_to_plain_integers(string text, string canonical) => Assert.Equal(canonical, Canon(Iterations, text).Canonical);

    [Theory]
    [InlineData("2.5", "expected an integer, got '2.5'")]
    [InlineData("abc", "expected an integer, got 'abc'")]
    [InlineData("[1]", "expected a single integer, got 'a list'")]
    public void Bad_ints_are_rejected(string text, string error) => Assert.Equal(error, Canon(Iterations, text).Error);

    [Theory]
    [InlineData("0.01", "0.01")]
    [InlineData("1e-2", "0.01")]
    [InlineData("2", "2.0")]
    [InlineData("1e-05", "1e-05")]
    public void Floats_are_canonical(string text, string canonical) => Assert.Equal(canonical, Canon(LearningRate, text).Canonical);

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData(".inf")]
    public void Non_finite_floats_are_rejected(string text) => Assert.StartsWith("expected a finite number", Canon(LearningRate, text).Error);

    [Theory]
    [InlineData("[12288, 20, 7, 5, 1]", "[12288, 20, 7, 5, 1]")]
    [InlineData("[2,3]", "[2, 3]")]
    [InlineData("[1e1, 4]", "[10, 4]")]
    public void Int_lists_parse(string text, string canonical) => Assert.Equal(canonical, Canon(Layers, text).Canonical);

    [Theory]
    [InlineData("5", "expected a list such as [12288, 20, 7, 5, 1], got '5'")]
    [InlineData("[]", "expected a non-empty list")]
    [InlineData("[2, 0]", "must be in [1, inf], got 0")]
    [InlineData("[2, x]", "expected an integer, got 'x'")]
    [InlineData("[[2]]", "expected a single integer, got 'a list'")]
    public void Bad_int_lists_are_rejected(string text, string error) => Assert.Equal(error, Canon(Layers, text).Error);

    [Fact]
    public void List_canonical_form_reads_back_as_the_same_list()
    {
        var values = new HyperparameterValues(new Dictionary<string, string> { ["layers_dims"] = Canon(Layers, "[3,2 , 1]").Canonical });
        Assert.Equal([3, 2, 1], values.GetIntList("layers_dims"));
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("yes", "true")]
    [InlineData("off", "false")]
    [InlineData("false", "false")]
    public void Bools_parse(string text, string canonical) => Assert.Equal(canonical, Canon(Flag, text).Canonical);

    [Fact]
    public void Bad_bools_and_strings_outside_choices_are_rejected()
    {
        Assert.Equal("expected true or false, got '1'", Canon(Flag, "1").Error);
        Assert.Equal("must be one of he, zeros; got 'xavier'", Canon(Init, "xavier").Error);
        Assert.Equal("zeros", Canon(Init, "zeros").Canonical);
    }

    [Fact]
    public void Malformed_yaml_text_is_an_error_not_an_exception()
    {
        var result = Canon(Layers, "[1, 2");
        Assert.False(result.Ok);
        Assert.StartsWith("'[1, 2' is not a YAML value", result.Error);
    }

    [Fact]
    public void Empty_text_is_rejected()
    {
        Assert.Equal("expected a finite number, got ''", Canon(LearningRate, "").Error);
    }

    [Fact]
    public void A_value_nested_deeper_than_the_limit_is_an_error_quoted_short()
    {
        var result = Canon(Layers, new string('[', 100_000));
        Assert.False(result.Ok);
        Assert.StartsWith($"'{new string('[', 77)}...' is not a YAML value: ", result.Error);
        Assert.EndsWith("nested more than 64 levels deep", result.Error);
    }

    [Fact]
    public void Yaml_that_crashes_the_scanner_is_an_error_not_an_exception()
    {
        var layers = new HyperparameterDescriptor("layers_dims", HyperparameterType.IntList, "[2, 1]", "sizes");
        Assert.False(HyperparameterBinder.TryCanonicalize(layers, "[1, 2\n y: 3", out _, out var error));
        Assert.Contains("is not a YAML value", error);
    }
}
